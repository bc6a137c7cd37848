package io.partnersettlement.statement;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * Statements over two periods: minimum payout, clawback, exchange rates, details released from a prior period,
 * confirmation in period order, immutability of confirmed figures, and the transitions.
 */
class StatementLifecycleTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    TestWorkspace workspace() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "ACCOUNT")
                .partner("P3", "CORE", "VOUCHER_QUOTA", "USD")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C2", "P2", "RESALE", "2025-01-01", "")
                .customer("C3", "P3", "REFERRAL", "2025-01-01", "")
                .customer("C4", "P1", "REFERRAL", "2025-01-01", "")
                .fxRates("2026-09,CNY,USD,0.14", "2026-10,CNY,USD,0.13")
                .writeReference();
        ws.inboxFile("sep.csv", CURRENT_HEADER,
                usage("s1", "C1", "2026-09-01", "20000.00"),
                record("s2", "C4", "2026-09-02", "5", "hws.service.type.ec2", "", "0", "1000.00", "0", "0"),
                usage("s3", "C2", "2026-09-03", "5000.00"),
                usage("s4", "C3", "2026-09-04", "1000.00"));
        return ws;
    }

    record Figures(String status, String performance, String available, String frozen, String released, String carriedIn,
            String payable, String carriedOut) {
    }

    static Figures figures(Engine engine, String id) {
        return engine.jdbc().queryForObject("""
                SELECT status, performance, available_total, frozen_total, released_from_prior, carried_in, payable,
                       carried_out FROM statement WHERE statement_id = ?""",
                (rs, n) -> new Figures(rs.getString(1), text(rs, 2), text(rs, 3), text(rs, 4), text(rs, 5), text(rs, 6),
                        text(rs, 7), text(rs, 8)), id);
    }

    static String text(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        return rs.getBigDecimal(column).stripTrailingZeros().toPlainString();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoPeriodsSettleEveryDetailOnceWithCarriesClawbacksAndExchangeRates(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-10-02");
            // a preview while the period runs cannot be confirmed
            engine.monthly("2026-09", "2026-09-20");
            assertThat(figures(engine, "ST-202609-P1").status()).isEqualTo("ESTIMATED");
            StatementLifecycle lifecycle = engine.bean(StatementLifecycle.class);
            assertThatThrownBy(() -> lifecycle.confirm(List.of("ST-202609-P1"), "op", null))
                    .isInstanceOf(EngineException.class).hasMessageContaining("preview");
            assertThatThrownBy(() -> lifecycle.confirmPeriod("2026-09", "op")).hasMessageContaining("previews");

            engine.monthly("2026-09", "2026-10-02");
            // P1: performance 20000.00 + credit 1000.00 = 21000.00; details 20000 × 9 % = 1800.00 (available) and
            //     1000 × 9 % = 90.00 (credit unpaid, frozen); due 1800.00 ≥ 1000 → payable 1800.00
            assertThat(figures(engine, "ST-202609-P1")).isEqualTo(
                    new Figures("PENDING_CONFIRMATION", "21000", "1800", "90", "0", "0", "1800", "0"));
            // P2 (ACCOUNT): 5000 × 1 % = 50.00 < the 1,000 minimum payout → carried out
            assertThat(figures(engine, "ST-202609-P2")).isEqualTo(
                    new Figures("PENDING_CONFIRMATION", "5000", "50", "0", "0", "0", "0", "50"));
            // P3 settles in USD at September's 0.14: performance 1000 × 0.14 = 140.00;
            //     detail 90.00 CNY × 0.14 = 12.60 USD; vouchers have no minimum
            assertThat(figures(engine, "ST-202609-P3")).isEqualTo(
                    new Figures("PENDING_CONFIRMATION", "140", "12.6", "0", "0", "0", "12.6", "0"));

            assertThat(lifecycle.confirmPeriod("2026-09", "finance.li")).isEqualTo(3);
            assertThat(engine.count("SELECT COUNT(*) FROM incentive_detail WHERE settled_statement_id IS NOT NULL"))
                    .isEqualTo(3);
            // confirming the period again (after a crash, say) finds nothing pending: a no-op, not a refusal
            assertThat(lifecycle.confirmPeriod("2026-09", "finance.li")).isZero();
            // a payment application only for P1: BANK_TRANSFER with a payable amount (P2 pays nothing, P3 takes vouchers)
            assertThat(engine.jdbc().queryForList("SELECT application_id FROM payment_application", String.class))
                    .containsExactly("PA-202609-P1");
            engine.bean(io.partnersettlement.invoice.InvoiceListWorkbook.class).writeMissing(ws.root().resolve("out"));
            try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(java.nio.file.Files.newInputStream(
                    ws.root().resolve("out/2026-09/invoice-lists/PA-202609-P1.xlsx")))) {
                var sheet = book.getSheet("Invoice List");
                java.util.Map<String, org.apache.poi.ss.usermodel.Row> rows = new java.util.HashMap<>();
                sheet.forEach(row -> {
                    if (row.getCell(0) != null) {
                        // labels are written for people: 发票形式 Invoice forms reads as invoice_forms (SPEC section 9)
                        String label = row.getCell(0).getStringCellValue();
                        rows.put(label.equals(label.toUpperCase(java.util.Locale.ROOT)) ? label
                                : io.partnersettlement.workbook.DocumentLabels.key(label), row);
                    }
                });
                assertThat(rows.get("invoice_forms").getCell(1).getStringCellValue()).contains("纸质发票", "电子专票");
                assertThat(rows.get("remark").getCell(1).getStringCellValue()).contains("PA-202609-P1", "2026-09");
                // INCENTIVE 1800.00: settlement 1800.00 / 1.06 × 1.06 = 1800.00, tax 1800.00 × 0.06 / 1.06 = 101.89
                var line = rows.get("INCENTIVE");
                assertThat(line.getCell(1).getNumericCellValue()).isEqualTo(1800.00);
                assertThat(line.getCell(4).getNumericCellValue()).isEqualTo(1800.00);
                assertThat(line.getCell(5).getNumericCellValue()).isEqualTo(101.89);
                assertThat(line.getCell(6) == null || line.getCell(6).getStringCellValue().isEmpty()).isTrue();
                // the total's amount including tax is the statement's payable
                assertThat(rows.get("total").getCell(1).getNumericCellValue()).isEqualTo(1800.00);
            }
            // a rerun of September changes no confirmed figure
            engine.monthly("2026-09", "2026-10-05");
            assertThat(figures(engine, "ST-202609-P1")).isEqualTo(
                    new Figures("PENDING_COUNTERSIGN", "21000", "1800", "90", "0", "0", "1800", "0"));

            // October: C4 repays September's credit on 10-25; C2 is refunded 8000.00
            ws.repaid("C4", "2026-09", "2026-10-25").fxRates("2026-09,CNY,USD,0.14", "2026-10,CNY,USD,0.13")
                    .writeReference();
            ws.inboxFile("oct.csv", CURRENT_HEADER,
                    // a September record arriving after September's statement was issued to P1: late
                    usage("late1", "C1", "2026-09-30", "500.00"),
                    usage("o1", "C1", "2026-10-01", "1000.00"),
                    record("o2", "C2", "2026-10-02", "20", "hws.service.type.ec2", "", "8000.00", "0", "0", "0"),
                    usage("o3", "C3", "2026-10-03", "500.00"));
            engine.nightly("2026-11-02");
            engine.monthly("2026-10", "2026-11-02");
            // P1: own 1000 × 9 % = 90.00, September's credit detail 90.00 released since, and the late September
            //     record as a prior-period adjustment: 500 × 9 % = 45.00; 225.00 < 1000 → carried out
            assertThat(figures(engine, "ST-202610-P1")).isEqualTo(
                    new Figures("PENDING_CONFIRMATION", "1000", "90", "0", "90", "0", "0", "225"));
            assertThat(engine.decimal("SELECT prior_period_adjustments FROM statement WHERE statement_id = 'ST-202610-P1'"))
                    .isEqualByComparingTo("45.00");
            // the late record counts in no period's performance: September stays 21000.00, and final
            assertThat(engine.jdbc().queryForObject("""
                    SELECT CAST(performance AS DECIMAL(20,2)) || ' ' || status FROM performance_period
                     WHERE partner_id = 'P1' AND period = '2026-09'""", String.class)).isEqualTo("21000.00 FINAL");
            assertThat(engine.count("SELECT SUM(record_count) FROM consumption_outcome WHERE period = '2026-09' AND outcome = 'LATE'"))
                    .isEqualTo(1);
            // confirmed statements never change
            assertThat(figures(engine, "ST-202609-P1")).isEqualTo(
                    new Figures("PENDING_COUNTERSIGN", "21000", "1800", "90", "0", "0", "1800", "0"));
            // P2: −8000 × 1 % = −80.00 plus 50.00 carried in = −30.00: a clawback, carried out
            assertThat(figures(engine, "ST-202610-P2")).isEqualTo(
                    new Figures("PENDING_CONFIRMATION", "-8000", "-80", "0", "0", "50", "0", "-30"));
            // P3: 500 × 9 % = 45.00 CNY at October's 0.13 = 5.85 USD
            assertThat(figures(engine, "ST-202610-P3")).isEqualTo(
                    new Figures("PENDING_CONFIRMATION", "65", "5.85", "0", "0", "0", "5.85", "0"));

            lifecycle.confirm(List.of("ST-202610-P1"), "finance.li", null);
            // every detail settled exactly once: September's credit detail in October's statement
            assertThat(engine.jdbc().queryForList("""
                    SELECT settled_statement_id FROM incentive_detail WHERE customer_id = 'C4'""", String.class))
                    .containsExactly("ST-202610-P1");
            // September's countersign can no longer be rejected: October's statement of P1 is confirmed
            assertThat(lifecycle.transition("ST-202609-P1", StatementStatus.COUNTERSIGNING, "legal", null)).isTrue();
            assertThatThrownBy(() -> lifecycle.transition("ST-202609-P1", StatementStatus.COUNTERSIGN_REJECTED, "legal",
                    "wrong bank account")).hasMessageContaining("later statement");
            // repeating a transition that happened (an operator unsure after a crash) changes nothing, adds no history
            long history = engine.count("SELECT COUNT(*) FROM statement_history WHERE statement_id = 'ST-202609-P1'");
            assertThat(lifecycle.transition("ST-202609-P1", StatementStatus.COUNTERSIGNING, "legal", null)).isFalse();
            assertThat(engine.count("SELECT COUNT(*) FROM statement_history WHERE statement_id = 'ST-202609-P1'"))
                    .isEqualTo(history);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMissingExchangeRateFailsOnlyThatPartner(TestDatabase database) {
        TestWorkspace ws = workspace().fxRates("2026-10,CNY,USD,0.13");
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-10-02");
            var run = engine.monthly("2026-09", "2026-10-02");
            assertThat(engine.jdbc().queryForList("SELECT message FROM run_problem WHERE job_execution_id = ?", String.class,
                    run.getId())).containsExactly("partner P3: no exchange rate CNY to USD for 2026-09 in "
                            + "reference/fx-rates.csv — its statement for 2026-09 was not generated");
            assertThat(engine.jdbc().queryForList("SELECT statement_id FROM statement ORDER BY statement_id", String.class))
                    .containsExactly("ST-202609-P1", "ST-202609-P2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void confirmationIsAllOrNothingInPeriodOrderAndTransitionsFollowTheLifecycle(TestDatabase database) {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-10-02");
            engine.monthly("2026-09", "2026-10-02");
            ws.inboxFile("oct.csv", CURRENT_HEADER, usage("o1", "C1", "2026-10-01", "1000.00"));
            // before September's confirmation deadline (generated 10-02 + 7 days), so nothing is confirmed automatically
            engine.nightly("2026-10-05");
            // October generated while September is unconfirmed
            engine.monthly("2026-10", "2026-11-02");
            StatementLifecycle lifecycle = engine.bean(StatementLifecycle.class);
            assertThatThrownBy(() -> lifecycle.confirm(List.of("ST-202610-P1"), "op", null))
                    .hasMessageContaining("confirm ST-202609-P1 first");
            // more than 100 statements in one action: refused, nothing confirmed
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                many.add("ST-202609-X" + i);
            }
            assertThatThrownBy(() -> lifecycle.confirm(many, "op", null)).hasMessageContaining("at most 100");
            // one bad id spoils the action: nothing is confirmed
            assertThatThrownBy(() -> lifecycle.confirm(List.of("ST-202609-P1", "ST-202609-P9"), "op", null))
                    .hasMessageContaining("no statement ST-202609-P9");
            assertThat(figures(engine, "ST-202609-P1").status()).isEqualTo("PENDING_CONFIRMATION");

            lifecycle.confirm(List.of("ST-202609-P1"), "op", null);
            // October's statement predates September's confirmation: it must be regenerated first
            assertThatThrownBy(() -> lifecycle.confirm(List.of("ST-202610-P1"), "op", null))
                    .hasMessageContaining("regenerate");
            engine.monthly("2026-10", "2026-11-02");
            lifecycle.confirm(List.of("ST-202610-P1"), "op", null);

            // the transitions after confirmation, and refusals that change nothing
            assertThatThrownBy(() -> lifecycle.transition("ST-202610-P1", StatementStatus.PAID, "op", null))
                    .hasMessageContaining("cannot go to PAID");
            for (StatementStatus to : List.of(StatementStatus.COUNTERSIGNING, StatementStatus.PENDING_PAYMENT_APPLICATION,
                    StatementStatus.PAYMENT_APPLICATION_FAILED, StatementStatus.PENDING_PAYMENT_APPLICATION,
                    StatementStatus.INVOICE_REVIEW, StatementStatus.DISBURSING, StatementStatus.PAID)) {
                lifecycle.transition("ST-202610-P1", to, "op", "to " + to,
                        new StatementLifecycle.Payment(java.time.LocalDate.parse("2026-12-01"), "BT-1"));
            }
            assertThat(engine.jdbc().queryForList(
                    "SELECT from_status || '>' || to_status FROM statement_history WHERE statement_id = 'ST-202610-P1' ORDER BY entry_id",
                    String.class)).endsWith("PENDING_CONFIRMATION>PENDING_COUNTERSIGN", "PENDING_COUNTERSIGN>COUNTERSIGNING",
                    "COUNTERSIGNING>PENDING_PAYMENT_APPLICATION", "PENDING_PAYMENT_APPLICATION>PAYMENT_APPLICATION_FAILED",
                    "PAYMENT_APPLICATION_FAILED>PENDING_PAYMENT_APPLICATION", "PENDING_PAYMENT_APPLICATION>INVOICE_REVIEW",
                    "INVOICE_REVIEW>DISBURSING", "DISBURSING>PAID");

            // a rejected countersign reopens September's P2 statement: what it settled is unsettled again
            lifecycle.confirm(List.of("ST-202609-P2"), "op", null);
            lifecycle.transition("ST-202609-P2", StatementStatus.COUNTERSIGNING, "op", null);
            lifecycle.transition("ST-202609-P2", StatementStatus.COUNTERSIGN_REJECTED, "legal", "wrong tax id");
            assertThat(engine.count("SELECT COUNT(*) FROM incentive_detail WHERE settled_statement_id = 'ST-202609-P2'"))
                    .isZero();
            engine.monthly("2026-09", "2026-11-02");
            assertThat(figures(engine, "ST-202609-P2").status()).isEqualTo("PENDING_CONFIRMATION");

            // left pending past the deadline (11-02 + 7 days), it is confirmed by the nightly run of 11-09
            engine.nightly("2026-11-08");
            assertThat(figures(engine, "ST-202609-P2").status()).isEqualTo("PENDING_CONFIRMATION");
            engine.nightly("2026-11-09");
            assertThat(figures(engine, "ST-202609-P2").status()).isEqualTo("PENDING_COUNTERSIGN");
            assertThat(engine.jdbc().queryForObject("""
                    SELECT changed_by FROM statement_history WHERE statement_id = 'ST-202609-P2'
                     ORDER BY entry_id DESC FETCH FIRST 1 ROWS ONLY""", String.class)).isEqualTo("nightly-run");
        }
    }
}
