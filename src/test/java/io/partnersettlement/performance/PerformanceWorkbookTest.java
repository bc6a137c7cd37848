package io.partnersettlement.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class PerformanceWorkbookTest {

    private static final String PERIOD = "2026-09";

    @TempDir
    Path out;

    private NamedParameterJdbcTemplate jdbc;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:performance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @Test
    void theWorkbookOfAPeriodShowsPerformanceByPartnerManagerServiceAndDay() throws IOException {
        partner("P001", "阿尔法云科技有限公司", "CORE", "CNY");
        partner("P002", "Beta Ltd", "STANDARD", "USD");
        partner("P003", "=HYPERLINK(\"http://evil\")", "PREFERRED", "CNY");
        performance("P001", PERIOD, "CNY", "1234.56", 3, "ESTIMATED");
        performance("P003", PERIOD, "CNY", "100.00", 1, "FINAL");
        performance("P003", PERIOD, "USD", "20.50", 2, "FINAL");
        performance("P001", "2026-08", "CNY", "999.00", 9, "FINAL"); // another period: not in this workbook
        managerAssignment("C1", "M1", "王经理");
        customerPerformance("P001", "C1", "M1", "CNY", "1000.00", "50.00", 2);
        customerPerformance("P001", "C2", "UNASSIGNED", "CNY", "234.56", "0", 1);
        servicePerformance("P001", "hws.service.type.ebs", "CNY", "1234.56", 3);
        daily("P001", "2026-09-05", "CNY", "1000.00", 2);
        daily("P001", "2026-09-30", "CNY", "234.56", 1);
        daily("P003", "2026-09-05", "CNY", "100.00", 1);
        daily("P003", "2026-09-05", "USD", "20.50", 2);

        Path file = new PerformanceWorkbook(jdbc, new io.partnersettlement.run.ControlTotals(jdbc.getJdbcTemplate())).write(PERIOD, out);

        assertThat(file).isEqualTo(out.resolve("2026-09").resolve("performance-2026-09.xlsx"));
        try (XSSFWorkbook workbook = open(file)) {
            assertThat(workbook.getSheetIndex("Summary")).isZero();
            List<Map<String, Object>> summary = rows(workbook.getSheet("Summary"));
            assertThat(summary).extracting(r -> r.get("partner_id"))
                    .containsExactly("P001", "P002", "P003", "P003", "total", "total");
            assertThat(summary.get(0)).containsEntry("partner_name", "阿尔法云科技有限公司").containsEntry("tier", "CORE")
                    .containsEntry("currency", "CNY").containsEntry("performance", 1234.56)
                    .containsEntry("status", "ESTIMATED").containsEntry("record_count", 3.0);
            // a partner without performance shows 0 in its settlement currency, still an estimate
            assertThat(summary.get(1)).containsEntry("currency", "USD").containsEntry("performance", 0.0)
                    .containsEntry("status", "ESTIMATED");
            assertThat(summary.get(2)).containsEntry("partner_name", "'=HYPERLINK(\"http://evil\")")
                    .containsEntry("status", "FINAL");
            assertThat(summary.get(3)).containsEntry("currency", "USD").containsEntry("performance", 20.5);
            // CNY: 1234.56 + 0 + 100.00 = 1334.56 over 3 + 1 = 4 records; USD: 0 + 20.50 over 0 + 2 records
            assertThat(summary.get(4)).containsEntry("currency", "CNY").containsEntry("performance", 1334.56)
                    .containsEntry("record_count", 4.0);
            assertThat(summary.get(5)).containsEntry("currency", "USD").containsEntry("performance", 20.5)
                    .containsEntry("record_count", 2.0);
            Cell performance = workbook.getSheet("Summary").getRow(1).getCell(4);
            assertThat(performance.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(performance.getCellStyle().getDataFormatString()).contains("0.00");

            // each manager's customers
            List<Map<String, Object>> byManager = rows(workbook.getSheet("By Manager"));
            assertThat(byManager.get(0)).containsEntry("manager_id", "M1").containsEntry("manager_name", "王经理")
                    .containsEntry("customer_id", "C1").containsEntry("cash_performance", 1000.0)
                    .containsEntry("other_consumption", 50.0);
            assertThat(byManager.get(1)).containsEntry("manager_id", "UNASSIGNED").containsEntry("manager_name", null)
                    .containsEntry("customer_id", "C2").containsEntry("cash_performance", 234.56);

            List<Map<String, Object>> byService = rows(workbook.getSheet("By Service"));
            assertThat(byService.get(0)).containsEntry("service_type_code", "hws.service.type.ebs")
                    .containsEntry("performance", 1234.56).containsEntry("record_count", 3.0);

            XSSFSheet trendSheet = workbook.getSheet("Daily Trend");
            List<Map<String, Object>> trend = rows(trendSheet);
            assertThat(trend).hasSize(30);
            assertThat(trend.get(0)).containsEntry("bill_date", LocalDate.of(2026, 9, 1))
                    .containsEntry("performance_CNY", 0.0).containsEntry("performance_USD", 0.0);
            // 09-05: CNY 1000.00 (P001) + 100.00 (P003) = 1100.00; USD 20.50; records 2 + 1 + 2 = 5
            assertThat(trend.get(4)).containsEntry("bill_date", LocalDate.of(2026, 9, 5))
                    .containsEntry("performance_CNY", 1100.0).containsEntry("performance_USD", 20.5)
                    .containsEntry("record_count", 5.0);
            assertThat(trend.get(29)).containsEntry("bill_date", LocalDate.of(2026, 9, 30))
                    .containsEntry("performance_CNY", 234.56);
            // one chart per currency, so CNY's thousands never flatten USD's tens on a shared axis
            var charts = trendSheet.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(2);
            assertThat(charts).extracting(c -> c.getTitleText().getString())
                    .containsExactly("Daily performance 2026-09 (CNY)", "Daily performance 2026-09 (USD)");
            for (var chart : charts) {
                var plot = chart.getCTChart().getPlotArea();
                assertThat(plot.getLineChartArray(0).getSerArray()).hasSize(1);
                assertThat(plot.getCatAxArray(0).getTitle().getTx().getRich().getPArray(0).getRArray(0).getT())
                        .isEqualTo("Bill date");
                // to the cent, as the cells show it
                assertThat(plot.getValAxArray(0).getNumFmt().getFormatCode()).isEqualTo("#,##0.00");
            }

            assertThat(rows(workbook.getSheet("Daily by Partner"))).hasSize(4);
        }
    }

    @Test
    void theDataQualitySheetListsEveryCategoryEvenWhenEmpty() throws IOException {
        partner("P001", "Alpha", "CORE", "CNY");
        rejected(1, 2, "BAD_NUMBER", PERIOD, "10.00");
        rejected(1, 3, "DUPLICATE_ID", PERIOD, "5.00");
        rejected(1, 4, "BAD_DATE", PERIOD, null);
        rejected(1, 5, "BAD_LINE", null, null); // no period could be read: in no period's workbook
        rejected(2, 2, "BAD_NUMBER", "2026-08", "1.00");
        repeats(1, PERIOD, 2, "7.00");
        repeats(2, PERIOD, 1, "3.00");
        classified("ATTRIBUTED", "P001", "5", 3, "30.00", "30.00");
        classified("UNATTRIBUTED", null, "5", 4, "40.00", "40.00");
        classified("UNCLASSIFIED", null, "77", 2, "8.00", "8.00");
        classified("UNCLASSIFIED", null, "-1", 1, "1.00", "1.00");

        Path file = new PerformanceWorkbook(jdbc, new io.partnersettlement.run.ControlTotals(jdbc.getJdbcTemplate())).write(PERIOD, out);

        try (XSSFWorkbook workbook = open(file)) {
            Map<String, Map<String, Object>> quality = new LinkedHashMap<>();
            rows(workbook.getSheet("Data Quality")).forEach(row -> quality.put((String) row.get("category"), row));
            assertThat(quality.keySet()).containsExactly("REJECTED", "REJECTED:BAD_LINE", "REJECTED:MISSING_VALUE",
                    "REJECTED:BAD_NUMBER", "REJECTED:BAD_DATE", "REJECTED:BAD_VALUE", "REJECTED:AMOUNT_MISMATCH",
                    "REJECTED:DUPLICATE_ID",
                    "DUPLICATE_ID", "REPEAT", "ATTRIBUTED", "UNATTRIBUTED", "UNCLASSIFIED", "EXCLUDED", "COOLING_OFF",
                    "STORED_VALUE_CARD", "LATE", "TIE-OUT");
            // the tie-out: these outcomes were stored without the records behind them (none in consumption_fact),
            // so the sheet shows the identity broken: 0 records ingested against 3 + 4 + 2 + 1 = 10 in outcomes
            assertThat(rows(workbook.getSheet("Data Quality")).stream().filter(r -> "TIE-OUT".equals(r.get("category")))
                    .map(r -> (String) r.get("note")).toList()).contains("2026-09: records ingested = attributed + "
                            + "unattributed + unclassified + excluded + cooling-off + stored-value card + late: 0 ≠ 10 — BROKEN");
            // 3 lines of 2026-09: 10.00 + 5.00 + (no amount) = 15.00
            assertThat(quality.get("REJECTED")).containsEntry("record_count", 3.0).containsEntry("payment_amount", 15.0);
            assertThat(quality.get("REJECTED:BAD_LINE")).containsEntry("record_count", 0.0);
            assertThat(quality.get("REJECTED:BAD_NUMBER")).containsEntry("record_count", 1.0)
                    .containsEntry("payment_amount", 10.0);
            assertThat(quality.get("DUPLICATE_ID")).containsEntry("record_count", 1.0).containsEntry("payment_amount", 5.0);
            // repeats: 2 + 1 = 3 records, 7.00 + 3.00 = 10.00
            assertThat(quality.get("REPEAT")).containsEntry("record_count", 3.0).containsEntry("payment_amount", 10.0);
            assertThat(quality.get("UNATTRIBUTED")).containsEntry("currency", "CNY").containsEntry("record_count", 4.0)
                    .containsEntry("payment_amount", 40.0).containsEntry("cash_equivalent", 40.0);
            assertThat(quality.get("UNCLASSIFIED")).containsEntry("record_count", 3.0);
            assertThat(quality.get("EXCLUDED")).containsEntry("record_count", 0.0).containsEntry("payment_amount", 0.0);

            List<Map<String, Object>> billTypes = rows(workbook.getSheet("Unclassified Bill Types"));
            assertThat(billTypes).extracting(r -> r.get("bill_type")).containsExactly("'-1", "77");
            assertThat(billTypes.get(1)).containsEntry("record_count", 2.0).containsEntry("payment_amount", 8.0);
        }
    }

    @Test
    void aPeriodWithoutAnyDataStillGetsEverySheet() throws IOException {
        Path file = new PerformanceWorkbook(jdbc, new io.partnersettlement.run.ControlTotals(jdbc.getJdbcTemplate())).write(PERIOD, out);

        try (XSSFWorkbook workbook = open(file)) {
            for (String sheet : List.of("Summary", "By Manager", "By Service", "Daily Trend", "Data Quality")) {
                assertThat(workbook.getSheet(sheet)).as(sheet).isNotNull();
            }
            assertThat(rows(workbook.getSheet("Daily Trend"))).hasSize(30);
        }
    }

    // --- test data with defaults -------------------------------------------------------------------------------

    private void partner(String id, String name, String tier, String currency) {
        insert("""
                INSERT INTO partner (partner_id, partner_name, tier, settlement_currency, disbursement_method,
                                     contracting_entity, partner_tax_rate, tax_id)
                VALUES (:id, :name, :tier, :currency, 'BANK_TRANSFER', '华为云计算技术有限公司', 0.06, NULL)
                """, Map.of("id", id, "name", name, "tier", tier, "currency", currency));
        // the terms in effect for every period
        insert("""
                INSERT INTO partner_term (partner_id, from_period, tier, settlement_currency, disbursement_method,
                                          contracting_entity, partner_tax_rate)
                VALUES (:id, '0000-01', :tier, :currency, 'BANK_TRANSFER', '华为云计算技术有限公司', 0.06)
                """, Map.of("id", id, "tier", tier, "currency", currency));
    }

    private void performance(String partner, String period, String currency, String amount, long records, String status) {
        insert("""
                INSERT INTO performance_period (partner_id, period, currency, performance, record_count, status)
                VALUES (:partner, :period, :currency, :amount, :records, :status)
                """, Map.of("partner", partner, "period", period, "currency", currency,
                "amount", new BigDecimal(amount), "records", records, "status", status));
    }

    private void managerAssignment(String customer, String manager, String name) {
        insert("""
                INSERT INTO manager_assignment (customer_id, effective_from, manager_id, manager_name, assigned_on)
                VALUES (:customer, DATE '2026-01-02', :manager, :name, DATE '2026-01-01')
                """, Map.of("customer", customer, "manager", manager, "name", name));
    }

    private void customerPerformance(String partner, String customer, String manager, String currency, String amount,
            String other, long records) {
        insert("""
                INSERT INTO performance_customer (partner_id, period, customer_id, manager_id, currency, performance,
                                                  other_consumption, record_count)
                VALUES (:partner, :period, :customer, :manager, :currency, :amount, :other, :records)
                """, Map.of("partner", partner, "period", PERIOD, "customer", customer, "manager", manager,
                "currency", currency, "amount", new BigDecimal(amount), "other", new BigDecimal(other), "records", records));
    }

    private void servicePerformance(String partner, String service, String currency, String amount, long records) {
        insert("""
                INSERT INTO performance_service (partner_id, period, service_type_code, currency, performance, record_count)
                VALUES (:partner, :period, :service, :currency, :amount, :records)
                """, Map.of("partner", partner, "period", PERIOD, "service", service, "currency", currency,
                "amount", new BigDecimal(amount), "records", records));
    }

    private void daily(String partner, String day, String currency, String amount, long records) {
        insert("""
                INSERT INTO performance_daily (partner_id, period, bill_date, currency, performance, record_count)
                VALUES (:partner, :period, :day, :currency, :amount, :records)
                """, Map.of("partner", partner, "period", PERIOD, "day", LocalDate.parse(day), "currency", currency,
                "amount", new BigDecimal(amount), "records", records));
    }

    private void rejected(long file, long line, String reason, String period, String amount) {
        Map<String, Object> values = new HashMap<>();
        values.put("file", file);
        values.put("line", line);
        values.put("reason", reason);
        values.put("period", period);
        values.put("amount", amount == null ? null : new BigDecimal(amount));
        insert("""
                INSERT INTO rejected_line (file_id, line_number, reason, message, raw_line, period, payment_amount)
                VALUES (:file, :line, :reason, 'bad', 'raw', :period, :amount)
                """, values);
    }

    private void repeats(long file, String period, int records, String amount) {
        insert("""
                INSERT INTO repeat_tally (file_id, period, record_count, payment_amount)
                VALUES (:file, :period, :records, :amount)
                """, Map.of("file", file, "period", period, "records", records, "amount", new BigDecimal(amount)));
    }

    private void classified(String outcome, String partner, String billType, int records, String payment, String cash) {
        Map<String, Object> values = new HashMap<>();
        values.put("outcome", outcome);
        values.put("partner", partner);
        values.put("billType", billType);
        values.put("records", records);
        values.put("payment", new BigDecimal(payment));
        values.put("cash", new BigDecimal(cash));
        values.put("performance", outcome.equals("ATTRIBUTED") ? new BigDecimal(cash) : BigDecimal.ZERO);
        insert("""
                INSERT INTO consumption_outcome (period, outcome, bill_type, currency, record_count, payment_amount,
                       cash_equivalent, performance, first_bill_date, last_bill_date)
                VALUES ('2026-09', :outcome, :billType, 'CNY', :records, :payment, :cash, :performance,
                        DATE '2026-09-05', DATE '2026-09-05')
                """, values);
    }

    private void insert(String sql, Map<String, ?> values) {
        jdbc.update(sql, values);
    }

    // --- reading the workbook back -----------------------------------------------------------------------------

    private static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** The data rows of a sheet, each keyed by its header; numbers as doubles, dates as LocalDate. */
    private static List<Map<String, Object>> rows(XSSFSheet sheet) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Map<String, Object> values = new HashMap<>();
            for (int c = 0; c < headers.size(); c++) {
                values.put(headers.get(c), value(row.getCell(c)));
            }
            rows.add(values);
        }
        return rows;
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate()
                    : (Object) cell.getNumericCellValue();
            default -> cell.toString();
        };
    }
}
