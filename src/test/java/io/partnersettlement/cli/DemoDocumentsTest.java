package io.partnersettlement.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.Sheets;

/** The demo as an operator sees it: its actions are in the audit trail, and every document says what the ledger says. */
class DemoDocumentsTest {

    @TempDir
    Path dir;

    @Test
    void theDemosActionsAreAuditedAndItsDocumentsAgreeWithTheLedger() throws Exception {
        Path ws = dir.resolve("demo");
        assertThat(Cli.run(ws, null, "demo", "--sample-data", Path.of("sample-data").toAbsolutePath().toString()))
                .isZero();
        Path out = ws.resolve("out");
        try (Engine engine = new Engine(ws, null)) {
            // what the statements' History sheets show is in the audit trail, by the demo's operator
            assertThat(engine.jdbc().queryForList(
                    "SELECT operator || ' ' || action || ' ' || subject FROM operator_action ORDER BY action_id",
                    String.class)).containsExactly("demo CONFIRM period 2026-09", "demo TRANSITION ST-202609-P001",
                    "demo TRANSITION ST-202609-P001");
            // every statement workbook shows its statement's status and payable
            for (Map<String, Object> s : engine.jdbc().queryForList(
                    "SELECT statement_id, period, status, payable FROM statement")) {
                Path workbook = out.resolve(s.get("PERIOD") + "/statements/" + s.get("STATEMENT_ID") + ".xlsx");
                Map<String, Object> shown = Sheets.labels(workbook, "Statement");
                assertThat(shown.get("status")).as(workbook.toString()).isEqualTo(s.get("STATUS"));
                assertThat(new BigDecimal(String.valueOf(shown.get("payable")))).as(workbook.toString())
                        .isEqualByComparingTo((BigDecimal) s.get("PAYABLE"));
            }
            // every performance workbook shows each partner's status as the ledger has it
            for (Map<String, Object> p : engine.jdbc().queryForList(
                    "SELECT partner_id, period, currency, status FROM performance_period")) {
                Path workbook = out.resolve(p.get("PERIOD") + "/performance-" + p.get("PERIOD") + ".xlsx");
                assertThat(Sheets.table(workbook, "Summary")).as(workbook + " " + p.get("PARTNER_ID"))
                        .filteredOn(row -> p.get("PARTNER_ID").equals(row.get("partner_id"))
                                && p.get("CURRENCY").equals(row.get("currency")))
                        .extracting(row -> row.get("status")).containsExactly(p.get("STATUS"));
            }
            // every invoice list totals its statement's payable
            for (Map<String, Object> a : engine.jdbc().queryForList("""
                    SELECT a.application_id, a.period, s.payable FROM payment_application a
                      JOIN statement s ON s.statement_id = a.statement_id""")) {
                Path list = out.resolve(a.get("PERIOD") + "/invoice-lists/" + a.get("APPLICATION_ID") + ".xlsx");
                assertThat(Sheets.invoiceListTotal(list)).as(list.toString())
                        .isEqualByComparingTo(((BigDecimal) a.get("PAYABLE")).setScale(2, java.math.RoundingMode.HALF_UP));
            }
            assertThat(engine.count("SELECT COUNT(*) FROM payment_application")).isPositive();
        }
    }
}
