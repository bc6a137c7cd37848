package io.partnersettlement.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.workspace.Workspace;

/**
 * "Another machine" replaces a dead holder: node A runs the nightly job holding the ledger and is killed with SIGKILL
 * in the middle of its ingestion; node B (another node id, same database) asks for the ledger, waits for A's lease to
 * end, takes the ledger over and restarts A's run. The figures equal those of an uninterrupted run. The lease is the
 * tests' 10 s (pom.xml), renewed every 2 s.
 */
class LeaseTakeoverTest {

    static final String DATE = "2026-11-02";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSecondNodeTakesTheLedgerOverAfterTheLeaseAndRestartsTheRun(TestDatabase database) throws Exception {
        Path template = dir.resolve("template");
        SampleWorkspaceGenerator.writeSampleWorkspace(template);
        SampleWorkspaceGenerator.writeBenchWorkspace(template, 20_000);
        String expected;
        Path reference = dir.resolve("reference");
        KillLoopTest.copy(template, reference);
        String referenceUrl = database.freshUrl();
        try {
            assertThat(Cli.run(reference, referenceUrl, "nightly", "--date", DATE)).isIn(0, 3);
            expected = KillLoopTest.figures(reference, referenceUrl);
        } finally {
            TestDatabase.dropIfPostgres(referenceUrl);
        }

        Path ws = dir.resolve("ws");
        KillLoopTest.copy(template, ws);
        String url = database.freshUrl();
        try {
            // node A holds the ledger, paused after its third chunk as a node that hangs before it dies
            Process a = node(ws, url, "node-a", dir.resolve("a.log"), "-Dsettlement.pause-at=ingest.written#3",
                    "-Dsettlement.pause-millis=600000", "nightly", "--date", DATE);
            String jdbcUrl = url != null ? url
                    : "jdbc:h2:file:" + ws.resolve("db/settlement") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
            awaitHolder(jdbcUrl, "node-a", a, dir.resolve("a.log"), false);
            awaitCount(jdbcUrl, "SELECT COUNT(*) FROM consumption_fact", a);
            a.destroyForcibly();
            long killed = System.nanoTime();
            assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (url == null) {
                awaitStaleH2Lock(ws.resolve("db/settlement.lock.db"));
            }

            Process b = node(ws, url, "node-b", dir.resolve("b.log"), "-Dsettlement.ledger.progress-every=1s",
                    "restart", "--operator", "kim");
            // node B's log says when it took the ledger over; the test does not open the database meanwhile, as a test
            // connection to an H2 file would make this JVM the database's host and B's open would meet its lock file
            awaitLog(dir.resolve("b.log"), "took the ledger over", b);
            long takenOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertThat(b.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String log = Files.readString(dir.resolve("b.log"));
            assertThat(b.exitValue()).as(log).isZero();
            // node B says what it waits for if it started before node A's lease ended; it always names what it took over
            assertThat(log).contains("took the ledger over from 'nightly --date " + DATE + "'").contains("on node node-a")
                    .doesNotContain("\tat ");
            System.out.println(database + ": node-b held the ledger " + takenOver + " ms after node-a was killed");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "ledger-order.txt"), database + " lease takeover: node-b held the ledger "
                    + takenOver + " ms after node-a was killed (lease 10 s, heartbeat 2 s)\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);

            assertThat(KillLoopTest.figures(ws, url)).isEqualTo(expected);
            try (Engine engine = new Engine(ws, url)) {
                assertThat(engine.jdbc().queryForList("""
                        SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID""", String.class))
                        .containsExactly("FAILED", "COMPLETED");
            }
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    /** A command in a JVM of its own, as node {@code node}. */
    static Process node(Path ws, String url, String node, Path log, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dsettlement.chunk-size=500", "-Dsettlement.ledger.node-id=" + node));
        List<String> args = new ArrayList<>();
        for (String option : options) {
            (option.startsWith("-D") ? command : args).add(option);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.partnersettlement.SettlementApplication"));
        command.addAll(args);
        command.add("--workspace=" + ws);
        if (url != null) {
            command.add("--database-url=" + url);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * H2's file lock of a killed process goes stale once its owner stops touching it (every second): another process
     * opens the database only then, as another machine would find the database server gone.
     */
    static void awaitStaleH2Lock(Path lock) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(lock) && System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() < 4_000
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Waits until the query counts something. */
    static void awaitCount(String jdbcUrl, String sql, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "sa", "")) {
                var rs = c.createStatement().executeQuery(sql);
                if (rs.next() && rs.getLong(1) > 0) {
                    return;
                }
            } catch (java.sql.SQLException notYet) {
                // the H2 server moving to another process
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never counted anything: " + sql);
    }

    /** Waits until the log holds the text or the process has ended. */
    static void awaitLog(Path log, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the node holds the ledger with a job execution (or, if it {@code mayFinish}, has ended). */
    static void awaitHolder(String jdbcUrl, String node, Process process, Path log, boolean mayFinish) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (mayFinish && !process.isAlive()) {
                return;
            }
            assertThat(process.isAlive()).as("%s ended early:\n%s", node, Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "sa", "")) {
                var rs = c.createStatement().executeQuery(
                        "SELECT node_id FROM ledger_lock WHERE lock_id = 1 AND execution_id IS NOT NULL");
                if (rs.next() && node.equals(rs.getString(1))) {
                    return;
                }
            } catch (java.sql.SQLException notYet) {
                // not migrated yet, or the H2 server moving to another process
            }
            Thread.sleep(50);
        }
        throw new AssertionError(node + " never held the ledger");
    }
}
