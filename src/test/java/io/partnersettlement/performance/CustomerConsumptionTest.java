package io.partnersettlement.performance;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The analysts' views of the performance workbook, from a nightly run over real files: each customer's cash performance
 * and other consumption (vouchers, coupons) under its partner and account manager, the customers who consumed in cash
 * and otherwise per partner and month, and each manager's customers.
 */
class CustomerConsumptionTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void thePerformanceWorkbookSummarisesEachCustomersConsumptionAndCountsConsumingCustomers(TestDatabase database)
            throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C2", "P1", "RESALE", "2025-01-01", "")
                .customer("C3", "P2", "REFERRAL", "2025-01-01", "")
                // C1 changes manager in mid-September: records from 09-16 on are M2's
                .manager("C1", "M1", "2025-06-01")
                .manager("C1", "M2", "2026-09-15")
                .manager("C2", "M1", "2025-06-01")
                .writeReference();
        ws.inboxFile("sep.csv", CURRENT_HEADER,
                // id, customer, bill date, bill type, service, order, cash, credit, coupon, stored-value card
                record("r1", "C1", "2026-09-03", "5", "hws.service.type.ec2", "", "100.00", "0", "20.00", "0"),
                record("r2", "C1", "2026-09-20", "5", "hws.service.type.ec2", "", "50.00", "0", "0", "0"),
                record("r3", "C2", "2026-09-05", "4", "hws.service.type.ec2", "ORD-3", "-30.00", "0", "-5.00", "0"),
                record("r4", "C2", "2026-09-06", "5", "hws.service.type.ec2", "", "0", "0", "40.00", "0"),
                record("r5", "C3", "2026-09-07", "5", "hws.service.type.ec2", "", "0", "70.00", "0", "0"),
                record("r6", "C1", "2026-08-10", "5", "hws.service.type.ec2", "", "5.00", "0", "10.00", "0"));
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-10-02");
        }

        try (InputStream in = Files.newInputStream(ws.root().resolve("out/2026-09/performance-2026-09.xlsx"));
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            // C1 under M1: 100.00 cash, 20.00 coupon; under M2: 50.00 cash. C2 (M1): a refund of −30.00 cash and
            // −5.00 coupon, then 40.00 in coupons alone: −30.00 and −5.00 + 40.00 = 35.00 over 2 records. C3 has no
            // manager and paid 70.00 on credit, which counts as performance. Totals: 100 + 50 − 30 + 70 = 190.00 and
            // 20 + 35 = 55.00 over 5 records.
            assertThat(rows(book.getSheet("Customers"))).containsExactly(
                    "customer_id|customer_name|partner_id|partner_name|manager_id|manager_name|currency|cash_performance"
                            + "|other_consumption|record_count",
                    "C1|客户C1|P1|伙伴P1有限公司|M1|经理M1|CNY|100.0|20.0|1.0",
                    "C1|客户C1|P1|伙伴P1有限公司|M2|经理M2|CNY|50.0|0.0|1.0",
                    "C2|客户C2|P1|伙伴P1有限公司|M1|经理M1|CNY|-30.0|35.0|2.0",
                    "C3|客户C3|P2|伙伴P2有限公司|UNASSIGNED||CNY|70.0|0.0|1.0",
                    "total||||||CNY|190.0|55.0|5.0");
            // per partner and month of 2026 so far: August, C1 paid 5.00 cash and 10.00 in coupons; September, P1's
            // C1 (150.00) consumed in cash, C2 (−30.00) did not, and both otherwise (20.00, 35.00); P2's C3 in cash only
            assertThat(rows(book.getSheet("Consuming Customers"))).containsExactly(
                    "partner_id|partner_name|period|customers_with_cash_consumption|customers_with_other_consumption",
                    "P1|伙伴P1有限公司|2026-08|1.0|1.0",
                    "P1|伙伴P1有限公司|2026-09|1.0|2.0",
                    "P2|伙伴P2有限公司|2026-09|1.0|0.0");
            // each manager's customers
            assertThat(rows(book.getSheet("By Manager"))).containsExactly(
                    "manager_id|manager_name|customer_id|customer_name|partner_id|partner_name|currency|cash_performance"
                            + "|other_consumption|record_count",
                    "M1|经理M1|C1|客户C1|P1|伙伴P1有限公司|CNY|100.0|20.0|1.0",
                    "M1|经理M1|C2|客户C2|P1|伙伴P1有限公司|CNY|-30.0|35.0|2.0",
                    "M2|经理M2|C1|客户C1|P1|伙伴P1有限公司|CNY|50.0|0.0|1.0",
                    "UNASSIGNED||C3|客户C3|P2|伙伴P2有限公司|CNY|70.0|0.0|1.0",
                    "total||||||CNY|190.0|55.0|5.0");
            // amounts are numbers in the row's currency
            Cell amount = book.getSheet("Customers").getRow(1).getCell(7);
            assertThat(amount.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(amount.getCellStyle().getDataFormatString()).contains("0.00").contains("CNY");
            // the Data Quality sheet names no table of the engine's database, and wraps its notes instead of cutting them
            XSSFSheet quality = book.getSheet("Data Quality");
            for (Row row : quality) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        assertThat(cell.getStringCellValue()).doesNotContainPattern("\\b[a-z]+_(line|fact|tally|outcome|"
                                + "period|daily|manager|service|customer|file|record)\\b");
                    }
                }
                Cell note = row.getCell(5);
                if (row.getRowNum() > 0 && note != null) {
                    assertThat(note.getCellStyle().getWrapText()).isTrue();
                }
            }
        }
    }

    /** The rows of a sheet, header first, each as its cells' values joined by {@code |}; numbers as doubles. */
    static List<String> rows(XSSFSheet sheet) {
        List<String> rows = new ArrayList<>();
        for (Row row : sheet) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.getLastCellNum(); c++) {
                Cell cell = row.getCell(c);
                line.append(c == 0 ? "" : "|").append(cell == null ? ""
                        : cell.getCellType() == CellType.NUMERIC ? Double.toString(cell.getNumericCellValue())
                        : cell.getStringCellValue());
            }
            rows.add(line.toString());
        }
        return rows;
    }
}
