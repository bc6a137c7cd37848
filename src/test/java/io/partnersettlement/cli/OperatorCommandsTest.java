package io.partnersettlement.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/** The operator's commands as the command line runs them: exit codes, and the audit trail of every action. */
class OperatorCommandsTest {

    @TempDir
    Path dir;

    int run(TestWorkspace ws, String url, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--workspace=" + ws.root());
        if (url != null) {
            all.add("--database-url=" + url);
        }
        return SettlementCli.execute(all.toArray(new String[0]));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyActionIsAuditedWithItsOutcome(TestDatabase database) {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("a.csv", TestWorkspace.CURRENT_HEADER, TestWorkspace.usage("a1", "C1", "2026-09-01", "20000.00"));
        String url = database.freshUrl();
        try {
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
                                + "(allowed: [])",
                        "li CONFIRM ST-202609-P1 confirmed 1 statement(s)",
                        "wang TRANSITION ST-202609-P1 now COUNTERSIGNING");
            }
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }
}
