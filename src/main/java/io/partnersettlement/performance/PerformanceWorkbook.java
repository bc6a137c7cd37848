package io.partnersettlement.performance;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.workbook.Column;
import io.partnersettlement.workbook.TableWriter;
import io.partnersettlement.workbook.WorkbookFile;

/**
 * The performance workbook of a period, {@code out/<period>/performance-<period>.xlsx} (SPEC section 9): what
 * each partner earned in performance, by account manager, by service and by day, and what did not count and why.
 * Reads the aggregates the performance refresh keeps; rewritten whole, atomically, at every refresh.
 */
@Component
public class PerformanceWorkbook {

    static final String SUMMARY = "Summary";
    static final String BY_MANAGER = "By Manager";
    static final String CUSTOMERS = "Customers";
    static final String CONSUMING_CUSTOMERS = "Consuming Customers";
    static final String BY_SERVICE = "By Service";
    static final String DAILY_TREND = "Daily Trend";
    static final String DAILY_BY_PARTNER = "Daily by Partner";
    static final String DATA_QUALITY = "Data Quality";
    static final String UNCLASSIFIED_BILL_TYPES = "Unclassified Bill Types";
    static final String BILL_DATE_AXIS = "Bill date";

    /** Rows fetched per round trip: PostgreSQL then streams a result instead of holding all of it. */
    private static final int FETCH_SIZE = 1_000;

    /** Every partner appears, with 0 in its settlement currency when it has no performance in the period. */
    private static final String SUMMARY_SQL = """
            SELECT k.partner_id, p.partner_name, t.tier, k.currency,
                   COALESCE(pp.performance, 0) AS performance,
                   COALESCE(pp.status, 'ESTIMATED') AS status,
                   COALESCE(pp.record_count, 0) AS record_count
              FROM (SELECT partner_id, currency
                      FROM performance_period
                     WHERE period = :period
                    UNION
                    SELECT t.partner_id, t.settlement_currency
                      FROM partner_term t
                     WHERE t.from_period = (SELECT MAX(x.from_period) FROM partner_term x
                                             WHERE x.partner_id = t.partner_id AND x.from_period <= :period)
                       AND NOT EXISTS (SELECT 1 FROM performance_period q
                                        WHERE q.partner_id = t.partner_id AND q.period = :period)) k
              LEFT JOIN partner p ON p.partner_id = k.partner_id
              -- the tier in effect for the period, the one its details are priced with
              LEFT JOIN partner_term t ON t.partner_id = k.partner_id
                     AND t.from_period = (SELECT MAX(x.from_period) FROM partner_term x
                                           WHERE x.partner_id = k.partner_id AND x.from_period <= :period)
              LEFT JOIN performance_period pp
                     ON pp.partner_id = k.partner_id AND pp.period = :period AND pp.currency = k.currency
             ORDER BY k.partner_id, k.currency
            """;

    /**
     * What each customer consumed under its partner and account manager, in cash and otherwise: the rows of the
     * Customers sheet (:order 'customer') and of the By Manager sheet, where each manager's customers follow one another
     * (:order 'manager').
     */
    private static final String CUSTOMER_ROWS_SQL = """
            SELECT pc.customer_id, c.customer_name, pc.partner_id, p.partner_name, pc.manager_id, m.manager_name,
                   pc.currency, pc.performance, pc.other_consumption, pc.record_count
              FROM performance_customer pc
              LEFT JOIN partner p ON p.partner_id = pc.partner_id
              LEFT JOIN (SELECT manager_id, MAX(manager_name) AS manager_name
                           FROM manager_assignment
                          GROUP BY manager_id) m ON m.manager_id = pc.manager_id
              LEFT JOIN (SELECT customer_id, MAX(customer_name) AS customer_name
                           FROM customer_association
                          GROUP BY customer_id) c ON c.customer_id = pc.customer_id
             WHERE pc.period = :period
             ORDER BY CASE WHEN :order = 'manager' THEN pc.manager_id ELSE pc.customer_id END,
                      CASE WHEN :order = 'manager' THEN pc.customer_id ELSE pc.manager_id END,
                      pc.partner_id, pc.currency
            """;

    /**
     * Per partner and month of the year up to the period: how many customers consumed in cash (a positive performance)
     * and how many otherwise (vouchers, coupons, …), each customer counted once a month whatever its managers.
     */
    private static final String CONSUMING_CUSTOMERS_SQL = """
            SELECT t.partner_id, MAX(p.partner_name) AS partner_name, t.period,
                   COUNT(DISTINCT CASE WHEN t.performance > 0 THEN t.customer_id END) AS cash_customers,
                   COUNT(DISTINCT CASE WHEN t.other_consumption > 0 THEN t.customer_id END) AS other_customers
              FROM (SELECT partner_id, period, customer_id, currency, SUM(performance) AS performance,
                           SUM(other_consumption) AS other_consumption
                      FROM performance_customer
                     WHERE period >= :yearStart AND period <= :period
                     GROUP BY partner_id, period, customer_id, currency) t
              LEFT JOIN partner p ON p.partner_id = t.partner_id
             GROUP BY t.partner_id, t.period
             ORDER BY t.partner_id, t.period
            """;

    private static final String BY_SERVICE_SQL = """
            SELECT ps.partner_id, p.partner_name, ps.service_type_code, ps.currency, ps.performance, ps.record_count
              FROM performance_service ps
              LEFT JOIN partner p ON p.partner_id = ps.partner_id
             WHERE ps.period = :period
             ORDER BY ps.partner_id, ps.service_type_code, ps.currency
            """;

    private static final String DAILY_TOTALS_SQL = """
            SELECT bill_date, currency, SUM(performance) AS performance, SUM(record_count) AS record_count
              FROM performance_daily
             WHERE period = :period
             GROUP BY bill_date, currency
            """;

    private static final String SETTLEMENT_CURRENCIES_SQL = """
            SELECT DISTINCT settlement_currency FROM partner
            """;

    private static final String DAILY_BY_PARTNER_SQL = """
            SELECT d.partner_id, p.partner_name, d.bill_date, d.currency, d.performance, d.record_count
              FROM performance_daily d
              LEFT JOIN partner p ON p.partner_id = d.partner_id
             WHERE d.period = :period
             ORDER BY d.partner_id, d.bill_date, d.currency
            """;

    private static final String REJECTED_SQL = """
            SELECT reason, COUNT(*) AS record_count, SUM(payment_amount) AS payment_amount
              FROM rejected_line
             WHERE period = :period
             GROUP BY reason
            """;

    private static final String REPEATS_SQL = """
            SELECT COALESCE(SUM(record_count), 0) AS record_count, COALESCE(SUM(payment_amount), 0) AS payment_amount
              FROM repeat_tally
             WHERE period = :period
            """;

    private static final String OUTCOMES_SQL = """
            SELECT outcome, currency, SUM(record_count) AS record_count,
                   SUM(payment_amount) AS payment_amount, SUM(cash_equivalent) AS cash_equivalent
              FROM consumption_outcome
             WHERE period = :period
             GROUP BY outcome, currency
            """;

    private static final String UNCLASSIFIED_BILL_TYPES_SQL = """
            SELECT bill_type, currency, SUM(record_count) AS record_count, SUM(payment_amount) AS payment_amount,
                   MIN(first_bill_date) AS first_bill_date, MAX(last_bill_date) AS last_bill_date
              FROM consumption_outcome
             WHERE period = :period AND outcome = 'UNCLASSIFIED'
             GROUP BY bill_type, currency
             ORDER BY bill_type, currency
            """;

    /** The outcomes of classified consumption (SPEC section 5), in the order the Data Quality sheet lists them. */
    private static final Map<String, String> OUTCOMES = outcomes();

    private final NamedParameterJdbcTemplate jdbc;
    private final ControlTotals controls;

    public PerformanceWorkbook(NamedParameterJdbcTemplate jdbc, ControlTotals controls) {
        this.jdbc = withFetchSize(jdbc);
        this.controls = controls;
    }

    /** Writes {@code outDir/<period>/performance-<period>.xlsx} for {@code period} ({@code YYYY-MM}) and returns it. */
    public Path write(String period, Path outDir) {
        return write(period, outDir, null);
    }

    /**
     * The same, with the period's records per file as the refresh just read them (its tie-out then reads no
     * consumption of the period again); {@code null} to read them.
     */
    public Path write(String period, Path outDir, Map<Long, Long> recordsByFile) {
        YearMonth month = YearMonth.parse(period);
        Map<String, Object> params = Map.of("period", period);
        Path target = outDir.resolve(period).resolve("performance-" + period + ".xlsx");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            writeSummary(workbook, params);
            writeCustomers(workbook, params);
            writeConsumingCustomers(workbook, period);
            writeByManager(workbook, params);
            writeByService(workbook, params);
            writeDailyTrend(workbook, month, params);
            writeDailyByPartner(workbook, params);
            writeDataQuality(workbook, period, params, recordsByFile);
            writeUnclassifiedBillTypes(workbook, params);
            workbook.printEverySheet(true, "业绩 Performance " + period);
            return workbook.save(target);
        }
    }

    private void writeSummary(WorkbookFile workbook, Map<String, Object> params) {
        TableWriter table = workbook.table(SUMMARY, List.of(
                Column.text("partner_id"), Column.text("partner_name"), Column.text("tier"), Column.text("currency"),
                Column.amount("performance").currencyFrom("currency"), Column.text("status"),
                Column.count("record_count")));
        jdbc.query(SUMMARY_SQL, params, (RowCallbackHandler) rs -> table.row(
                rs.getString("partner_id"), rs.getString("partner_name"), rs.getString("tier"), currency(rs),
                rs.getBigDecimal("performance"), rs.getString("status"), rs.getLong("record_count")));
        table.totals("total");
    }

    /** Each customer's consumption: cash performance, what it paid otherwise, and its records. */
    private void writeCustomers(WorkbookFile workbook, Map<String, Object> params) {
        writeCustomerRows(workbook.table(CUSTOMERS, List.of(
                Column.text("customer_id"), Column.text("customer_name"), Column.text("partner_id"),
                Column.text("partner_name"), Column.text("manager_id"), Column.text("manager_name"),
                Column.text("currency"), Column.amount("cash_performance").currencyFrom("currency"),
                Column.amount("other_consumption").currencyFrom("currency"), Column.count("record_count"))),
                params, "customer", new int[] {1, 2, 3, 4, 5, 6});
    }

    /** Each account manager's customers, with what each consumed under the manager. */
    private void writeByManager(WorkbookFile workbook, Map<String, Object> params) {
        writeCustomerRows(workbook.table(BY_MANAGER, List.of(
                Column.text("manager_id"), Column.text("manager_name"), Column.text("customer_id"),
                Column.text("customer_name"), Column.text("partner_id"), Column.text("partner_name"),
                Column.text("currency"), Column.amount("cash_performance").currencyFrom("currency"),
                Column.amount("other_consumption").currencyFrom("currency"), Column.count("record_count"))),
                params, "manager", new int[] {5, 6, 1, 2, 3, 4});
    }

    /** The rows of {@link #CUSTOMER_ROWS_SQL} in {@code order}, their six names in the columns {@code names} picks. */
    private void writeCustomerRows(TableWriter table, Map<String, Object> params, String order, int[] names) {
        Map<String, Object> query = new HashMap<>(params);
        query.put("order", order);
        jdbc.query(CUSTOMER_ROWS_SQL, query, (RowCallbackHandler) rs -> table.row(
                rs.getString(names[0]), rs.getString(names[1]), rs.getString(names[2]), rs.getString(names[3]),
                rs.getString(names[4]), rs.getString(names[5]), currency(rs), rs.getBigDecimal(8), rs.getBigDecimal(9),
                rs.getLong(10)));
        table.totals("total");
    }

    /** Customers with cash consumption and with other consumption, per partner and month of the year so far. */
    private void writeConsumingCustomers(WorkbookFile workbook, String period) {
        TableWriter table = workbook.table(CONSUMING_CUSTOMERS, List.of(
                Column.text("partner_id"), Column.text("partner_name"), Column.text("period"),
                Column.count("customers_with_cash_consumption"), Column.count("customers_with_other_consumption")));
        jdbc.query(CONSUMING_CUSTOMERS_SQL, Map.of("period", period, "yearStart", period.substring(0, 4) + "-01"),
                (RowCallbackHandler) rs -> table.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5)));
        // no total row: a customer who consumed in two months is one customer, not two
    }

    private void writeByService(WorkbookFile workbook, Map<String, Object> params) {
        TableWriter table = workbook.table(BY_SERVICE, List.of(
                Column.text("partner_id"), Column.text("partner_name"), Column.text("service_type_code"),
                Column.text("currency"), Column.amount("performance").currencyFrom("currency"),
                Column.count("record_count")));
        jdbc.query(BY_SERVICE_SQL, params, (RowCallbackHandler) rs -> table.row(
                rs.getString("partner_id"), rs.getString("partner_name"), rs.getString("service_type_code"),
                currency(rs), rs.getBigDecimal("performance"), rs.getLong("record_count")));
        table.totals("total");
    }

    /** One row per calendar day of the period (days without performance show 0), one column per currency. */
    private void writeDailyTrend(WorkbookFile workbook, YearMonth month, Map<String, Object> params) {
        Map<LocalDate, Map<String, BigDecimal>> performance = new TreeMap<>();
        Map<LocalDate, Long> records = new TreeMap<>();
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            performance.put(day, new TreeMap<>());
            records.put(day, 0L);
        }
        TreeSet<String> currencies = new TreeSet<>();
        jdbc.query(DAILY_TOTALS_SQL, params, (RowCallbackHandler) rs -> {
            // a record's period is its bill cycle, which may hold a bill date just outside the month: show it too
            LocalDate day = rs.getObject("bill_date", LocalDate.class);
            performance.computeIfAbsent(day, d -> new TreeMap<>()).merge(currency(rs), rs.getBigDecimal("performance"),
                    BigDecimal::add);
            records.merge(day, rs.getLong("record_count"), Long::sum);
            currencies.add(currency(rs));
        });
        currencies.addAll(jdbc.queryForList(SETTLEMENT_CURRENCIES_SQL, Map.of(), String.class).stream()
                .map(String::trim).toList());

        List<Column> columns = new ArrayList<>();
        columns.add(Column.date("bill_date"));
        for (String currency : currencies) {
            columns.add(Column.amount("performance_" + currency).inCurrency(currency));
        }
        columns.add(Column.count("record_count"));
        TableWriter table = workbook.table(DAILY_TREND, columns);
        // one chart per currency: amounts of different currencies never share an axis; a currency without any
        // performance in the period (a partner's settlement currency, say) has a column but no flat chart
        List<String> charted = currencies.stream().filter(currency -> performance.values().stream()
                .anyMatch(day -> day.getOrDefault(currency, BigDecimal.ZERO).signum() != 0)).toList();
        for (String currency : charted) {
            table.lineChart("Daily performance " + month + " (" + currency + ")", BILL_DATE_AXIS, "bill_date",
                    "performance_" + currency);
        }
        if (charted.isEmpty()) { // no performance at all: the chart shows the record counts
            table.lineChart("Daily records " + month, BILL_DATE_AXIS, "bill_date", "record_count");
        }
        for (Map.Entry<LocalDate, Map<String, BigDecimal>> day : performance.entrySet()) {
            List<Object> row = new ArrayList<>();
            row.add(day.getKey());
            for (String currency : currencies) {
                row.add(day.getValue().getOrDefault(currency, BigDecimal.ZERO));
            }
            row.add(records.get(day.getKey()));
            table.row(row);
        }
        // no total row: every row of this sheet is a day, and the Summary holds the period's totals
    }

    private void writeDailyByPartner(WorkbookFile workbook, Map<String, Object> params) {
        TableWriter table = workbook.table(DAILY_BY_PARTNER, List.of(
                Column.text("partner_id"), Column.text("partner_name"), Column.date("bill_date"),
                Column.text("currency"), Column.amount("performance").currencyFrom("currency"),
                Column.count("record_count")));
        jdbc.query(DAILY_BY_PARTNER_SQL, params, (RowCallbackHandler) rs -> table.row(
                rs.getString("partner_id"), rs.getString("partner_name"), rs.getObject("bill_date", LocalDate.class),
                currency(rs), rs.getBigDecimal("performance"), rs.getLong("record_count")));
    }

    /**
     * What was taken in for the period and did not count, and why; every category is listed, 0 when empty. Rejected
     * lines and repeats carry no currency in the database: their amounts are the files' amounts as written.
     */
    private void writeDataQuality(WorkbookFile workbook, String period, Map<String, Object> params,
            Map<Long, Long> recordsByFile) {
        TableWriter table = workbook.table(DATA_QUALITY, List.of(
                Column.text("category"), Column.text("currency"), Column.count("record_count"),
                Column.amount("payment_amount").currencyFrom("currency"),
                Column.amount("cash_equivalent").currencyFrom("currency"), Column.text("note"))).wrap("note");

        Map<String, long[]> rejectedCounts = new LinkedHashMap<>();
        Map<String, BigDecimal> rejectedAmounts = new LinkedHashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            if (reason != RejectReason.MISSING_COLUMN) { // a whole rejected file has no period
                rejectedCounts.put(reason.name(), new long[1]);
                rejectedAmounts.put(reason.name(), BigDecimal.ZERO);
            }
        }
        jdbc.query(REJECTED_SQL, params, (RowCallbackHandler) rs -> {
            String reason = rs.getString("reason");
            rejectedCounts.computeIfAbsent(reason, r -> new long[1])[0] += rs.getLong("record_count");
            rejectedAmounts.merge(reason, zeroIfNull(rs.getBigDecimal("payment_amount")), BigDecimal::add);
        });
        long rejected = rejectedCounts.values().stream().mapToLong(count -> count[0]).sum();
        BigDecimal rejectedAmount = rejectedAmounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        table.row("REJECTED", null, rejected, rejectedAmount, null,
                "lines rejected at ingestion, every reason (listed in rejects/<file>.rejects.xlsx, the one to open in a "
                        + "spreadsheet, and byte for byte in rejects/<file>.rejects.csv); the amount of the lines that had one");
        rejectedCounts.forEach((reason, count) -> table.row("REJECTED:" + reason, null, count[0],
                rejectedAmounts.get(reason), null, "lines rejected with reason " + reason));
        table.row("DUPLICATE_ID", null, rejectedCounts.get(RejectReason.DUPLICATE_ID.name())[0],
                rejectedAmounts.get(RejectReason.DUPLICATE_ID.name()), null,
                "ids already ingested with different content; also counted in REJECTED");

        Map<String, Object> repeats = jdbc.queryForMap(REPEATS_SQL, params);
        table.row("REPEAT", null, ((Number) repeats.get("record_count")).longValue(),
                decimal(repeats.get("payment_amount")), null,
                "identical repeats of records already ingested: skipped, never counted twice");

        Map<String, List<Object[]>> outcomeRows = new LinkedHashMap<>();
        OUTCOMES.keySet().forEach(outcome -> outcomeRows.put(outcome, new ArrayList<>()));
        jdbc.query(OUTCOMES_SQL, params, (RowCallbackHandler) rs -> outcomeRows
                .computeIfAbsent(rs.getString("outcome"), o -> new ArrayList<>())
                .add(new Object[] {currency(rs), rs.getLong("record_count"), rs.getBigDecimal("payment_amount"),
                        rs.getBigDecimal("cash_equivalent")}));
        outcomeRows.forEach((outcome, rows) -> {
            String note = OUTCOMES.getOrDefault(outcome, "");
            if (rows.isEmpty()) {
                table.row(outcome, null, 0L, BigDecimal.ZERO, BigDecimal.ZERO, note);
            }
            rows.stream().sorted((a, b) -> ((String) a[0]).compareTo((String) b[0])).forEach(r ->
                    table.row(outcome, r[0], r[1], r[2], r[3], note));
        });

        // the tie-out the nightly run verified: the period's records against their outcomes, and every file that
        // brought records of the period against what became of its lines (record_count = the left side)
        for (var tie : controls.periodTieOut(period, recordsByFile)) {
            table.row("TIE-OUT", null, Long.parseLong(tie.left()), null, null, tie.describe());
        }
    }

    /** Bill types the bill-type table does not know yet: add them there and rerun the period. */
    private void writeUnclassifiedBillTypes(WorkbookFile workbook, Map<String, Object> params) {
        TableWriter table = workbook.table(UNCLASSIFIED_BILL_TYPES, List.of(
                Column.text("bill_type"), Column.text("currency"), Column.count("record_count"),
                Column.amount("payment_amount").currencyFrom("currency"), Column.date("first_bill_date"),
                Column.date("last_bill_date")));
        jdbc.query(UNCLASSIFIED_BILL_TYPES_SQL, params, (RowCallbackHandler) rs -> table.row(
                rs.getString("bill_type"), currency(rs), rs.getLong("record_count"), rs.getBigDecimal("payment_amount"),
                rs.getObject("first_bill_date", LocalDate.class), rs.getObject("last_bill_date", LocalDate.class)));
    }

    private static Map<String, String> outcomes() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        outcomes.put("ATTRIBUTED", "counted in the partners' performance");
        outcomes.put("UNATTRIBUTED", "no partner associated with the customer on the bill date");
        outcomes.put("UNCLASSIFIED", "bill type not in the bill-type table: extend it and rerun the period"
                + " (sheet " + UNCLASSIFIED_BILL_TYPES + ")");
        outcomes.put("EXCLUDED", "bill types that never count (adjustments, savings-plan deductions)");
        outcomes.put("COOLING_OFF", "partner switch cooling-off: the new partner earns no performance yet");
        outcomes.put("STORED_VALUE_CARD", "stored-value card purchases: no performance");
        outcomes.put("LATE", "came after the period's statement was issued to the partner: no performance here; "
                + "settled as prior-period adjustments");
        return outcomes;
    }

    /** CHAR(3) columns come back padded on some databases. */
    private static String currency(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return currency == null ? null : currency.trim();
    }

    private static BigDecimal zeroIfNull(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal amount ? amount : new BigDecimal(value.toString());
    }

    private static NamedParameterJdbcTemplate withFetchSize(NamedParameterJdbcTemplate jdbc) {
        DataSource dataSource = jdbc.getJdbcTemplate().getDataSource();
        if (dataSource == null) {
            return jdbc;
        }
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        return new NamedParameterJdbcTemplate(streaming);
    }
}
