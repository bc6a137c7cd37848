package io.partnersettlement.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.run.JobRuns;
import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;

/**
 * A monthly run killed with SIGKILL while it writes the incentive details of 200,000 records, then restarted, ends with
 * exactly the ledger and statements of an uninterrupted run.
 */
class MonthlyKillAndRestartTest {

    static final int RECORDS = 200_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aKilledMonthlyRunRestartsToTheFiguresOfAnUninterruptedOne(TestDatabase database) throws Exception {
        String expected;
        Path reference = dir.resolve("reference");
        SampleWorkspaceGenerator.writeBenchWorkspace(reference, RECORDS);
        String url = database.freshUrl();
        try (Engine engine = new Engine(reference, url)) {
            engine.nightly("2026-11-02");
            assertThat(engine.monthly("2026-09", "2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            expected = ledger(engine);
        } finally {
            TestDatabase.dropIfPostgres(url);
        }

        Path killed = dir.resolve("killed");
        SampleWorkspaceGenerator.writeBenchWorkspace(killed, RECORDS);
        url = database.freshUrl();
        try {
            try (Engine engine = new Engine(killed, url)) {
                engine.nightly("2026-11-02");
            }
            // the child kills itself with SIGKILL while it writes the details: at the 5th batch of 1,000 (of about 20)
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-D" + io.partnersettlement.fault.CrashPoints.PROPERTY + "=details.write#5", "-cp",
                    System.getProperty("java.class.path"), "io.partnersettlement.SettlementApplication",
                    "monthly", "--period", "2026-09", "--date", "2026-11-02", "--workspace", killed.toString()));
            if (url != null) {
                command.add("--database-url=" + url);
            }
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile()).start();
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL (137)").isEqualTo(137);

            try (Engine engine = new Engine(killed, url)) {
                var restarted = engine.bean(JobRuns.class).restart(null);
                assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(ledger(engine)).isEqualTo(expected);
            }
            assertThat(killed.resolve("out/2026-09/incentives-2026-09.xlsx")).exists();
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }

    /** The ledger and the statements, as text (history timestamps left out). */
    static String ledger(Engine engine) {
        StringBuilder all = new StringBuilder();
        engine.jdbc().queryForList("""
                SELECT detail_id, CAST(amount AS VARCHAR(40)), status, COALESCE(freeze_reason, '-') FROM incentive_detail
                 ORDER BY detail_id""").forEach(r -> all.append(r.values()).append('\n'));
        engine.jdbc().queryForList("""
                SELECT statement_id, status, CAST(available_total AS VARCHAR(40)), CAST(frozen_total AS VARCHAR(40)),
                       CAST(payable AS VARCHAR(40)), CAST(carried_out AS VARCHAR(40)) FROM statement ORDER BY statement_id""")
                .forEach(r -> all.append(r.values()).append('\n'));
        all.append(engine.count("SELECT COUNT(*) FROM statement_detail"));
        return all.toString();
    }
}
