package io.partnersettlement.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.PrivatePostgres;
import io.partnersettlement.workspace.Workspace;

/**
 * PostgreSQL stopped in the middle of a run (every connection broken, as by a crash or a lost network) and started
 * again: the run is resumed with {@code restart}, or given up with {@code abandon} and run anew, and the ledger, the
 * rejects and the file rows equal those of an uninterrupted run. On a private cluster the test starts and stops itself.
 */
class DatabaseOutageTest {

    static final String DATE = "2026-11-02";
    static PrivatePostgres postgres;
    static Path template;
    static String nightlyOnly;
    static String withMonthly;

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = PrivatePostgres.start();
        template = Files.createTempDirectory("outage-");
        SampleWorkspaceGenerator.writeSampleWorkspace(template);
        SampleWorkspaceGenerator.writeBenchWorkspace(template, 20_000);
        Path ws = Files.createTempDirectory("outage-reference-");
        try {
            KillLoopTest.copy(template, ws);
            String url = postgres.freshUrl();
            assertThat(Cli.run(ws, url, "nightly", "--date", DATE)).isIn(0, 3);
            nightlyOnly = ledger(ws, url);
            assertThat(Cli.run(ws, url, "monthly", "--period", "2026-09", "--date", DATE)).isIn(0, 3);
            withMonthly = ledger(ws, url);
        } finally {
            Workspace.deleteTree(ws);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (template != null) {
            Workspace.deleteTree(template);
        }
    }

    @Test
    void aNightlyRunCutOffFromItsDatabaseIsRestartedToTheFiguresOfAnUninterruptedOne() throws Exception {
        Path ws = Files.createTempDirectory("outage-run-");
        try {
            KillLoopTest.copy(template, ws);
            String url = postgres.freshUrl();
            int exit = cutOff(ws, url, "ingest.written#3", "SELECT COUNT(*) FROM consumption_fact", "nightly", "--date", DATE);
            assertThat(exit).isNotZero();
            assertThat(Cli.run(ws, url, "restart", "--operator", "kim")).isZero();
            assertThat(ledger(ws, url)).isEqualTo(nightlyOnly);
        } finally {
            Workspace.deleteTree(ws);
        }
    }

    @Test
    void aNightlyRunCutOffAndAbandonedIsTakenWholeByTheNextRun() throws Exception {
        Path ws = Files.createTempDirectory("outage-run-");
        try {
            KillLoopTest.copy(template, ws);
            String url = postgres.freshUrl();
            cutOff(ws, url, "ingest.written#3", "SELECT COUNT(*) FROM consumption_fact", "nightly", "--date", DATE);
            long execution;
            try (Engine engine = new Engine(ws, url)) {
                execution = engine.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
            }
            // a new nightly run of the date is refused while the cut-off one is unfinished ...
            assertThat(Cli.run(ws, url, "nightly", "--date", DATE)).isEqualTo(1);
            // ... abandoned, its files wait in the inbox again with nothing of theirs counted
            assertThat(Cli.run(ws, url, "abandon", "--execution", Long.toString(execution), "--operator", "kim")).isZero();
            try (Engine engine = new Engine(ws, url)) {
                assertThat(engine.count("SELECT COUNT(*) FROM ingest_file")).isZero();
                assertThat(engine.count("SELECT COUNT(*) FROM rejected_line")).isZero();
                assertThat(engine.count("SELECT COUNT(*) FROM consumption_fact")).isZero();
                assertThat(engine.count("SELECT COUNT(*) FROM operator_action WHERE action = 'ABANDON' AND outcome LIKE 'abandoned:%'"))
                        .isEqualTo(1);
            }
            assertThat(Cli.run(ws, url, "nightly", "--date", DATE)).isIn(0, 3);
            assertThat(ledger(ws, url)).isEqualTo(nightlyOnly);
        } finally {
            Workspace.deleteTree(ws);
        }
    }

    @Test
    void aMonthlyRunCutOffFromItsDatabaseIsRestartedToTheFiguresOfAnUninterruptedOne() throws Exception {
        Path ws = Files.createTempDirectory("outage-run-");
        try {
            KillLoopTest.copy(template, ws);
            String url = postgres.freshUrl();
            assertThat(Cli.run(ws, url, "nightly", "--date", DATE)).isIn(0, 3);
            int exit = cutOff(ws, url, "details.write#1", "SELECT COUNT(*) FROM run_owner WHERE job_execution_id > 1",
                    "monthly", "--period", "2026-09", "--date", DATE);
            assertThat(exit).isNotZero();
            assertThat(Cli.run(ws, url, "restart", "--operator", "kim")).isIn(0, 3);
            assertThat(ledger(ws, url)).isEqualTo(withMonthly);
        } finally {
            Workspace.deleteTree(ws);
        }
    }

    /**
     * Runs the command in a JVM of its own that pauses at {@code pauseAt}; once {@code reached} counts something the
     * server is stopped, and started again after the pause; answers the command's exit code.
     */
    private static int cutOff(Path ws, String url, String pauseAt, String reached, String... args) throws Exception {
        Path log = ws.resolveSibling(ws.getFileName() + ".log");
        List<String> options = new java.util.ArrayList<>(List.of("-Dsettlement.pause-at=" + pauseAt,
                "-Dsettlement.pause-millis=3000", "-Dspring.datasource.hikari.connection-timeout=2000"));
        options.addAll(List.of(args));
        Process child = LeaseTakeoverTest.node(ws, url, "outage-node", log, options.toArray(new String[0]));
        try {
            LeaseTakeoverTest.awaitCount(url, reached, child);
            postgres.stopServer();
            Thread.sleep(5_000);
            postgres.startServer();
            assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("the cut-off run ended").isTrue();
            String text = Files.readString(log);
            System.out.println(String.join(" ", args) + " cut off at " + pauseAt + ": exit " + child.exitValue() + "\n"
                    + text.lines().filter(l -> l.startsWith("error") || l.contains("ledger")).toList());
            // the drivers log the broken connections as they see them; the command itself ends with one line
            assertThat(text.strip().lines().reduce((a, b) -> b).orElse("")).startsWith("error: ");
            return child.exitValue();
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** The ledger, rejects and file rows, and every file of the workspace (workbook cells included). */
    static String ledger(Path ws, String url) {
        return KillLoopTest.figures(ws, url);
    }
}
