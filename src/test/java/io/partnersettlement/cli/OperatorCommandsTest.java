package io.partnersettlement.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/** The operator's commands as the command line runs them: exit codes, and the audit trail of every action. */
class OperatorCommandsTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    /** P1 (CORE, bank transfer) with one customer, C1, and one September record of 20000.00 (9 % = 1800.00). */
    TestWorkspace onePartnerOneRecord() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("a.csv", TestWorkspace.CURRENT_HEADER, TestWorkspace.usage("a1", "C1", "2026-09-01", "20000.00"));
        return ws;
    }

    static final List<String> POLICY_CORE_REFERRAL_10 = List.of("STANDARD,REFERRAL,0.03", "STANDARD,RESALE,0.01",
            "PREFERRED,REFERRAL,0.05", "PREFERRED,RESALE,0.02", "LEADING,REFERRAL,0.07", "LEADING,RESALE,0.03",
            "CORE,REFERRAL,0.10", "CORE,RESALE,0.04");

    int run(TestWorkspace ws, String url, String... args) {
        return io.partnersettlement.support.Cli.run(ws.root(), url, args);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyActionIsAuditedWithItsOutcome(TestDatabase database) {
        TestWorkspace ws = onePartnerOneRecord();
        String url = fixture.database(database);
        assertThat(run(ws, url, "nightly", "--date", "2026-10-02")).isZero();
        assertThat(run(ws, url, "monthly", "--period", "2026-09", "--date", "2026-10-02")).isZero();
        // a business date before the period starts is an error
        assertThat(run(ws, url, "monthly", "--period", "2026-10", "--date", "2026-09-30")).isEqualTo(1);
        assertThat(run(ws, url, "transition", "--statement", "ST-202609-P1", "--to", "PAID", "--operator", "wang"))
                .isEqualTo(1);
        assertThat(run(ws, url, "confirm", "--statements", "ST-202609-P1", "--operator", "li", "--note", "checked"))
                .isZero();
        assertThat(run(ws, url, "transition", "--statement", "ST-202609-P1", "--to", "COUNTERSIGNING",
                "--operator", "wang")).isZero();
        assertThat(run(ws, url, "audit")).isZero();
        assertThat(dir.resolve("ws/out/2026-09/invoice-lists/PA-202609-P1.xlsx")).exists();
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.jdbc().queryForList("""
                    SELECT operator || ' ' || action || ' ' || subject || ' ' || outcome FROM operator_action
                     ORDER BY action_id""", String.class)).containsExactly(
                    "wang TRANSITION ST-202609-P1 refused: ST-202609-P1 is PENDING_CONFIRMATION: it cannot go to PAID "
                            + "(confirm it first: ./run.sh confirm --statements ST-202609-P1)",
                    "li CONFIRM ST-202609-P1 confirmed 1 statement(s)",
                    "wang TRANSITION ST-202609-P1 now COUNTERSIGNING");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRerunGivesTheSameNumbersAndReportsWhatChanged(TestDatabase database) throws Exception {
        TestWorkspace ws = onePartnerOneRecord();
        String url = fixture.database(database);
        assertThat(run(ws, url, "nightly", "--date", "2026-10-02")).isZero();
        assertThat(run(ws, url, "monthly", "--period", "2026-09", "--date", "2026-10-02")).isZero();
        // the same inputs: nothing changes, nothing doubles
        assertThat(run(ws, url, "rerun", "nightly", "--date", "2026-10-02")).isZero();
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("ws/out/2026-09/rerun-nightly-2026-10-02-run2.csv")))
                .containsExactly("period,partner_id,figure,currency,before,after,difference");
        // the policy changes: CORE referral 9 % → 10 %; 20000.00 × 10 % = 2000.00, was 1800.00
        ws.write("reference/incentive-policy.csv", "tier,association_type,rate", POLICY_CORE_REFERRAL_10);
        assertThat(run(ws, url, "rerun", "monthly", "--period", "2026-09", "--date", "2026-10-02")).isZero();
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("ws/out/2026-09/rerun-monthly-2026-09-run2.csv")))
                .contains("2026-09,P1,incentive available,CNY,1800,2000,200",
                        "2026-09,P1,statement available_total,CNY,1800,2000,200",
                        "2026-09,P1,statement payable,CNY,1800,2000,200");
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.decimal("SELECT performance FROM performance_period")).isEqualByComparingTo("20000");
            assertThat(engine.jdbc().queryForList("SELECT action || ' ' || subject FROM operator_action ORDER BY action_id",
                    String.class)).containsExactly("RERUN nightly 2026-10-02", "RERUN monthly 2026-09");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDryRunChangesNothing(TestDatabase database) throws Exception {
        TestWorkspace ws = onePartnerOneRecord();
        String url = fixture.database(database);
        assertThat(run(ws, url, "nightly", "--date", "2026-10-02")).isZero();
        assertThat(run(ws, url, "monthly", "--period", "2026-09", "--date", "2026-10-02")).isZero();
        String before;
        try (Engine engine = new Engine(ws.root(), url)) {
            before = ledger(engine);
        }
        ws.write("reference/incentive-policy.csv", "tier,association_type,rate", POLICY_CORE_REFERRAL_10);
        assertThat(run(ws, url, "monthly", "--period", "2026-09", "--date", "2026-10-02", "--dry-run")).isZero();
        // the preview shows 20000.00 × 10 % = 2000.00; the ledger still holds 1800.00, byte for byte
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("ws/out/2026-09/dry-run/dry-run-changes-2026-09.csv")))
                .contains("2026-09,P1,statement payable,CNY,1800,2000,200");
        assertThat(dir.resolve("ws/out/2026-09/dry-run/2026-09/statements/ST-202609-P1.xlsx")).exists();
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(ledger(engine)).isEqualTo(before);
            assertThat(engine.jdbc().queryForList("SELECT action FROM operator_action", String.class))
                    .containsExactly("DRY_RUN");
        }
    }

    /** Every row of the ledger and the statements, as text. */
    static String ledger(Engine engine) {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("incentive_detail", "statement", "statement_detail", "statement_history",
                "period_close", "performance_period", "payment_application")) {
            engine.jdbc().queryForList("SELECT * FROM " + table).stream().map(Object::toString).sorted()
                    .forEach(row -> all.append(table).append(' ').append(row).append('\n'));
        }
        return all.toString();
    }
}
