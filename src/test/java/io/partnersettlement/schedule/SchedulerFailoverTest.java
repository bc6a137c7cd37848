package io.partnersettlement.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.support.Cli;
import io.partnersettlement.support.TestDatabase;

/**
 * Two scheduler nodes on one PostgreSQL database; the node running tonight's nightly job is killed with SIGKILL in the
 * middle of its ingestion. The other node's Quartz recovers the firing (the cluster's check-in, 2 s here), waits for
 * the dead node's ledger lease (10 s) and resumes the run: the job completes once, with the figures of an
 * uninterrupted run.
 */
class SchedulerFailoverTest {

    @TempDir
    Path dir;

    @Test
    void theOtherNodeResumesTonightsRunOnceAfterTheLease() throws Exception {
        Path template = dir.resolve("template");
        SampleWorkspaceGenerator.writeSampleWorkspace(template);
        SampleWorkspaceGenerator.writeBenchWorkspace(template, 20_000);
        LocalDate businessDate = LocalDate.now().minusDays(2);

        Path reference = dir.resolve("reference");
        copy(template, reference);
        String referenceUrl = TestDatabase.POSTGRESQL.freshUrl();
        String expected;
        try {
            assertThat(Cli.run(reference, referenceUrl, "nightly", "--date", businessDate.toString())).isIn(0, 3);
            expected = io.partnersettlement.run.KillLoopTestAccess.figures(reference, referenceUrl);
        } finally {
            TestDatabase.dropIfPostgres(referenceUrl);
        }

        Path ws = dir.resolve("ws");
        copy(template, ws);
        // one firing, late enough for both nodes to have started on a busy machine
        ZonedDateTime fireAt = ZonedDateTime.now().plusSeconds(75);
        Files.createDirectories(ws.resolve("jobs"));
        Files.writeString(ws.resolve("jobs/nightly.properties"), "job=nightlyJob\nschedule=" + fireAt.getSecond() + " "
                + fireAt.getMinute() + " " + fireAt.getHour() + " " + fireAt.getDayOfMonth() + " " + fireAt.getMonthValue()
                + " ? " + fireAt.getYear() + "\ndata-lag-days=2\n");
        String url = TestDatabase.POSTGRESQL.freshUrl();
        Map<String, Process> nodes = new java.util.TreeMap<>();
        try {
            for (String node : List.of("node-a", "node-b")) {
                nodes.put(node, scheduler(ws, url, node));
            }
            String holder = awaitRunningHolder(url, nodes);
            nodes.get(holder).destroyForcibly();
            long killed = System.nanoTime();
            assertThat(nodes.get(holder).waitFor(30, TimeUnit.SECONDS)).isTrue();
            String survivor = holder.equals("node-a") ? "node-b" : "node-a";

            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (query(url, "SELECT COUNT(*) FROM schedule_state WHERE last_business_date = DATE '" + businessDate + "'") == 0) {
                assertThat(nodes.get(survivor).isAlive()).isTrue();
                assertThat(System.nanoTime()).as("the surviving node completed the run").isLessThan(deadline);
                Thread.sleep(200);
            }
            long completed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            nodes.get(survivor).destroy();
            assertThat(nodes.get(survivor).waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve(survivor + ".log"));
            System.out.println("failover: " + survivor + " completed the run " + completed + " ms after " + holder
                    + " was killed");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "ledger-order.txt"), "scheduler failover: " + survivor
                    + " completed the run " + completed + " ms after " + holder + " was killed (check-in 2 s, lease 10 s)\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            assertThat(log).contains("took the ledger over from").doesNotContain("\tat ");

            // one run of the date: the dead node's execution, failed, and its restart, completed
            assertThat(query(url, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
            assertThat(query(url, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")).isEqualTo(1);
            assertThat(io.partnersettlement.run.KillLoopTestAccess.figures(ws, url)).isEqualTo(expected);
        } finally {
            nodes.values().forEach(Process::destroyForcibly);
            TestDatabase.dropIfPostgres(url);
        }
    }

    private Process scheduler(Path ws, String url, String node) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dsettlement.chunk-size=500",
                "-Dsettlement.ledger.node-id=" + node,
                "-Dspring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                "-cp", System.getProperty("java.class.path"), "io.partnersettlement.SettlementApplication",
                "scheduler", "--jobs", ws.resolve("jobs").toString(), "--workspace=" + ws, "--database-url=" + url));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(node + ".log").toFile())
                .start();
    }

    /** The node that holds the ledger running the job, once it has ingested something. */
    private String awaitRunningHolder(String url, Map<String, Process> nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            for (var node : nodes.entrySet()) {
                assertThat(node.getValue().isAlive()).as("%s:\n%s", node.getKey(),
                        Files.readString(dir.resolve(node.getKey() + ".log"))).isTrue();
            }
            try (Connection c = DriverManager.getConnection(url)) {
                ResultSet rs = c.createStatement().executeQuery("""
                        SELECT node_id FROM ledger_lock WHERE execution_id IS NOT NULL
                           AND EXISTS (SELECT 1 FROM consumption_fact)""");
                if (rs.next()) {
                    return rs.getString(1);
                }
            } catch (java.sql.SQLException notYet) {
                // not migrated yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no node ran the scheduled job");
    }

    private static long query(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        io.partnersettlement.run.KillLoopTestAccess.copy(from, to);
    }
}
