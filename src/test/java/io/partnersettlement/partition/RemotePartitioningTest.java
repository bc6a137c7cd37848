package io.partnersettlement.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.partnersettlement.run.KillLoopTestAccess;
import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.support.Broker;
import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.PrivateRabbit;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.workspace.Workspace;

/**
 * Remote partitioning on PostgreSQL and RabbitMQ: the pipeline (nightly, September's monthly run, confirm, a countersign
 * transition, October's monthly run) over the sample workspace plus {@value #EXTRA_RECORDS} generated records, its
 * partitioned steps (performance by period; details, statements and statement workbooks by period and partner range,
 * 3 ranges) run by 1, 2 and 3 worker processes, ends with every ledger table and every workbook cell of the
 * single-process run. A worker killed with SIGKILL in the middle of a partition fails the manager's step after a bounded
 * wait; {@code restart} then runs only the partition that did not complete, on a worker started after the run began,
 * and the figures are again the single-process run's. A broker restarted in the middle of a run changes no figure.
 */
class RemotePartitioningTest {

    static final int EXTRA_RECORDS = 10_000;
    /** The kill loop's: nightly, September's monthly run, confirm, a countersign transition, October's monthly run. */
    static final List<List<String>> PIPELINE = KillLoopTestAccess.pipeline();

    static Path template;
    static String expected;

    @BeforeAll
    static void singleProcessRun() throws IOException {
        Broker.require();
        template = Files.createTempDirectory("remote-partitioning-");
        SampleWorkspaceGenerator.writeSampleWorkspace(template);
        SampleWorkspaceGenerator.writeBenchWorkspace(template, EXTRA_RECORDS);
        String url = TestDatabase.POSTGRESQL.freshUrl();
        Path ws = Files.createTempDirectory("remote-partitioning-single-");
        try {
            KillLoopTestAccess.copy(template, ws);
            for (List<String> stage : PIPELINE) {
                assertThat(Cli.run(ws, url, stage)).as(String.join(" ", stage)).isIn(0, 3);
            }
            expected = KillLoopTestAccess.figures(ws, url);
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    @AfterAll
    static void deleteTemplate() throws IOException {
        if (template != null) {
            Workspace.deleteTree(template);
        }
    }

    /** One worker (every partition on it, in turn) and three (more workers than processors, partitions side by side). */
    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 3})
    void theFiguresOfNWorkersAreThoseOfOneProcess(int workerCount) throws Exception {
        String url = TestDatabase.POSTGRESQL.freshUrl();
        Path ws = Files.createTempDirectory("remote-partitioning-run-");
        String queue = "settlement.test." + UUID.randomUUID();
        try (Workers workers = new Workers(ws, url, queue)) {
            KillLoopTestAccess.copy(template, ws);
            for (int i = 0; i < workerCount; i++) {
                workers.start();
            }
            workers.awaitRunning();
            withSettings(Workers.managerSettings(queue, "2m"), () -> {
                for (List<String> stage : PIPELINE) {
                    assertThat(Cli.run(ws, url, stage)).as(String.join(" ", stage)).isIn(0, 3);
                }
            });
            workers.stop();
            long partitions;
            try (Engine engine = new Engine(ws, url)) {
                partitions = engine.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE '%:%'");
                assertThat(engine.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE '%:%'"
                        + " AND STATUS <> 'COMPLETED'")).isZero();
            }
            // every partition ran on a worker process, none in the manager
            assertThat(workers.started().stream().mapToLong(Workers.Worker::completed).sum()).isEqualTo(partitions);
            assertThat(partitions).isGreaterThanOrEqualTo(10);
            assertSameFigures(ws, url, "workers-" + workerCount);
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    @Test
    void aWorkerKilledInTheMiddleOfAPartitionFailsTheStepAndTheRestartRunsOnlyThatPartition() throws Exception {
        String url = TestDatabase.POSTGRESQL.freshUrl();
        Path ws = Files.createTempDirectory("remote-partitioning-fault-");
        String queue = "settlement.test." + UUID.randomUUID();
        try (Workers workers = new Workers(ws, url, queue)) {
            KillLoopTestAccess.copy(template, ws);
            Map<String, String> settings = Workers.managerSettings(queue, "60s");
            // the first worker kills itself with SIGKILL at its first write of incentive details
            Workers.Worker doomed = workers.start("-Dsettlement.crash-at=details.write#1");
            workers.awaitRunning();
            withSettings(settings, () -> assertThat(Cli.run(ws, url, PIPELINE.get(0))).isIn(0, 3));
            long started = System.nanoTime();
            // a second worker starts after the monthly run began, and takes the partitions the first left
            CompletableFuture<Workers.Worker> late = CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(3000);
                    return workers.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            withSettings(settings, () -> assertThat(Cli.run(ws, url, PIPELINE.get(1))).as("the monthly run fails").isEqualTo(1));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertThat(doomed.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(doomed.process().exitValue()).as("the first worker died by SIGKILL").isEqualTo(137);
            // the dead worker's partition is failed once its lease (10 s in the tests) has ended: no hang
            assertThat(seconds).as("seconds until the manager step failed").isLessThan(60);
            Workers.Worker second = late.get();
            assertThat(second.completed()).as("partitions the late worker ran").isPositive();
            long failedPartitions;
            long firstExecution;
            try (Engine engine = new Engine(ws, url)) {
                firstExecution = engine.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
                failedPartitions = engine.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                        + " AND STEP_NAME LIKE 'incentiveDetailsPartitionStep:%' AND STATUS = 'FAILED'", firstExecution);
                assertThat(failedPartitions).isEqualTo(1);
                assertThat(engine.jdbc().queryForObject("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                        + " AND STEP_NAME LIKE 'incentiveDetailsPartitionStep:%' AND STATUS = 'FAILED'", String.class,
                        firstExecution)).contains("stopped renewing its lease");
            }

            withSettings(settings, () -> assertThat(Cli.run(ws, url, List.of("restart", "--operator", "kim")))
                    .as("restart").isIn(0, 3));
            try (Engine engine = new Engine(ws, url)) {
                // the restart ran only the partition that had not completed
                assertThat(engine.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID > ?"
                        + " AND STEP_NAME LIKE 'incentiveDetailsPartitionStep:%'", firstExecution)).isEqualTo(1);
            }
            withSettings(settings, () -> {
                for (List<String> stage : PIPELINE.subList(2, PIPELINE.size())) {
                    assertThat(Cli.run(ws, url, stage)).as(String.join(" ", stage)).isIn(0, 3);
                }
            });
            workers.stop();
            assertSameFigures(ws, url, "fault");
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    /**
     * The manager of a monthly run killed with SIGKILL while its only worker is in the middle of a detail partition: the
     * restart waits until the worker's partition has ended — the partition is kept, never run a second time beside the
     * first — then runs what did not complete, and the figures are the single-process run's.
     */
    @Test
    void aRestartWaitsForThePartitionsADeadManagersWorkerStillRuns() throws Exception {
        String url = TestDatabase.POSTGRESQL.freshUrl();
        Path ws = Files.createTempDirectory("remote-partitioning-manager-");
        String queue = "settlement.test." + UUID.randomUUID();
        try (Workers workers = new Workers(ws, url, queue)) {
            KillLoopTestAccess.copy(template, ws);
            Path go = ws.resolveSibling(ws.getFileName() + ".go");
            Workers.Worker worker = workers.start("-Dsettlement.barrier-at=details.computed",
                    "-Dsettlement.barrier-file=" + go);
            workers.awaitRunning();
            Map<String, String> settings = Workers.managerSettings(queue, "2m");
            withSettings(settings, () -> assertThat(Cli.run(ws, url, PIPELINE.get(0))).isIn(0, 3));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m"));
            settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.partnersettlement.SettlementApplication"));
            command.addAll(PIPELINE.get(1));
            command.addAll(List.of("--workspace", ws.toString(), "--database-url=" + url));
            Process manager = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ws.resolveSibling(ws.getFileName() + ".manager.log").toFile()).start();
            Path ready = go.resolveSibling(go.getFileName() + ".ready-" + worker.process().pid());
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(ready) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(ready).as("the worker holds a detail partition").exists();
            manager.destroyForcibly();
            assertThat(manager.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            long firstExecution;
            try (Engine engine = new Engine(ws, url)) {
                firstExecution = engine.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
            }
            CompletableFuture<Integer> restart = CompletableFuture.supplyAsync(() -> {
                int[] exit = new int[1];
                try {
                    withSettings(settings, () -> exit[0] = Cli.run(ws, url, List.of("restart", "--operator", "kim")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return exit[0];
            });
            // the manager's own lease (10 s in the tests) ends; the worker's partition goes on past it
            Thread.sleep(15_000);
            assertThat(restart).as("the restart waits for the worker's partition").isNotDone();
            String held;
            try (Engine engine = new Engine(ws, url)) {
                // waiting, it has neither failed the killed run's partitions nor started its own execution
                assertThat(engine.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID > ?",
                        firstExecution)).as("executions started by the waiting restart").isZero();
                held = engine.jdbc().queryForObject("""
                        SELECT s.STEP_NAME FROM partition_lease l JOIN BATCH_STEP_EXECUTION s
                          ON s.STEP_EXECUTION_ID = l.step_execution_id""", String.class);
            }
            Files.writeString(go, "");
            assertThat(restart.get(3, TimeUnit.MINUTES)).as("restart").isIn(0, 3);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt)).isGreaterThanOrEqualTo(15);
            try (Engine engine = new Engine(ws, url)) {
                assertThat(engine.jdbc().queryForObject("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                        + " AND STEP_NAME = ?", String.class, firstExecution, held)).as(held + " in the killed run")
                        .isEqualTo("COMPLETED");
                assertThat(engine.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID > ?"
                        + " AND STEP_NAME = ?", firstExecution, held)).as(held + " run again").isZero();
            }
            withSettings(settings, () -> {
                for (List<String> stage : PIPELINE.subList(2, PIPELINE.size())) {
                    assertThat(Cli.run(ws, url, stage)).as(String.join(" ", stage)).isIn(0, 3);
                }
            });
            workers.stop();
            Files.deleteIfExists(go);
            assertSameFigures(ws, url, "manager-killed");
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    /**
     * RabbitMQ restarted (on a node of the test's own, {@link PrivateRabbit}: the shared broker is never touched) while
     * the only worker is in the middle of a monthly run's partition, with the run's other partitions waiting in the
     * queue: the worker reconnects and takes them, and the run completes — or fails restartable and is restarted —
     * with the single-process figures, never half-counted.
     */
    @Test
    void aBrokerRestartedInTheMiddleOfARunChangesNoFigure() throws Exception {
        String url = TestDatabase.POSTGRESQL.freshUrl();
        Path ws = Files.createTempDirectory("remote-partitioning-broker-");
        String queue = "settlement.test." + UUID.randomUUID();
        try (PrivateRabbit rabbit = PrivateRabbit.start(); Workers workers = new Workers(ws, url, queue, rabbit.url())) {
            KillLoopTestAccess.copy(template, ws);
            // the worker waits at its first computation of details until the broker has been restarted
            Path go = ws.resolveSibling(ws.getFileName() + ".go");
            Workers.Worker worker = workers.start("-Dsettlement.barrier-at=details.computed",
                    "-Dsettlement.barrier-file=" + go);
            workers.awaitRunning();
            Map<String, String> settings = Workers.managerSettings(queue, "2m", rabbit.url());
            withSettings(settings, () -> assertThat(Cli.run(ws, url, PIPELINE.get(0))).isIn(0, 3));
            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
                try {
                    Path ready = go.resolveSibling(go.getFileName() + ".ready-" + worker.process().pid());
                    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                    while (!Files.exists(ready) && System.nanoTime() < until) {
                        Thread.sleep(100);
                    }
                    rabbit.restart();
                    Files.writeString(go, "");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int[] exit = new int[1];
            withSettings(settings, () -> exit[0] = Cli.run(ws, url, PIPELINE.get(1)));
            restart.get(3, TimeUnit.MINUTES);
            withSettings(settings, () -> {
                if (exit[0] == 1) {
                    // failed restartable: the restart completes it
                    assertThat(Cli.run(ws, url, List.of("restart", "--operator", "kim"))).isIn(0, 3);
                } else {
                    assertThat(exit[0]).isIn(0, 3);
                }
                for (List<String> stage : PIPELINE.subList(2, PIPELINE.size())) {
                    assertThat(Cli.run(ws, url, stage)).as(String.join(" ", stage)).isIn(0, 3);
                }
            });
            workers.stop();
            assertThat(worker.completed()).as("partitions the worker ran, before and after the restart").isGreaterThan(3);
            Files.deleteIfExists(go);
            assertSameFigures(ws, url, "broker-restart");
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    static void assertSameFigures(Path ws, String url, String name) throws IOException {
        String actual = KillLoopTestAccess.figures(ws, url);
        if (!actual.equals(expected)) {
            Path report = Path.of("target", "remote-partitioning", name);
            Files.createDirectories(report);
            Files.writeString(report.resolve("expected.txt"), expected.replace(";", ";\n"));
            Files.writeString(report.resolve("actual.txt"), actual.replace(";", ";\n"));
            throw new AssertionError("figures differ from the single-process run: see " + report);
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} with the given settings as system properties, as a manager's environment would give them. */
    static void withSettings(Map<String, String> settings, Work work) throws Exception {
        settings.forEach(System::setProperty);
        try {
            work.run();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }
}
