package io.partnersettlement.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.cli.EngineContext;
import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.partition.Partitioning;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.workspace.Workspace;

/**
 * {@code ./run.sh bench --workers N --database-url jdbc:postgresql://…}: the nightly and monthly jobs over generated
 * records, first in one process (local partitioning), then with N worker processes on this machine (remote
 * partitioning over the broker), each on a schema of its own; prints both rates, their ratio, the partitions and
 * broker messages per job and the overhead per partition.
 */
public final class WorkersBench {

    private final Path workspace;
    private final long records;
    private final String databaseUrl;
    private final int workers;
    private final int partitions;

    public WorkersBench(Path workspace, long records, String databaseUrl, int workers, int partitions) {
        this.workspace = workspace;
        this.records = records;
        this.databaseUrl = databaseUrl;
        this.workers = workers;
        this.partitions = partitions;
    }

    record Run(double nightly, double monthly, long ingested, long details, Map<String, double[]> steps, long partitionCount,
            long messagesNightly, long messagesMonthly) {
    }

    public int run(PrintStream out) throws Exception {
        if (databaseUrl == null || !databaseUrl.startsWith("jdbc:postgresql:")) {
            out.println("error: bench --workers needs a PostgreSQL database the workers share: --database-url jdbc:postgresql://…");
            return 2;
        }
        Workspace.deleteTree(workspace);
        Path template = workspace.resolve("template");
        long t0 = System.nanoTime();
        SampleWorkspaceGenerator.writeBenchWorkspace(template, records, 1);
        out.printf("generated %,d records of 2026-09 in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);

        Run single = run(out, template, "single", null);
        if (single == null) {
            return 1;
        }
        Run remote = run(out, template, "workers", workers);
        if (remote == null) {
            return 1;
        }
        out.println();
        out.printf("%-34s %12s %12s %8s%n", "", "1 process", workers + " worker(s)", "ratio");
        out.printf("%-34s %,10.0f/s %,10.0f/s %8.2f%n", "nightly job, records/s", single.ingested() / single.nightly(),
                remote.ingested() / remote.nightly(), single.nightly() / remote.nightly());
        out.printf("%-34s %,10.0f/s %,10.0f/s %8.2f%n", "monthly job, details/s", single.details() / single.monthly(),
                remote.details() / remote.monthly(), single.monthly() / remote.monthly());
        out.printf("%-34s %11.1fs %11.1fs%n", "nightly job", single.nightly(), remote.nightly());
        out.printf("%-34s %11.1fs %11.1fs%n", "monthly job", single.monthly(), remote.monthly());
        out.printf("partitions: %d in one process, %d on the workers; broker messages: %d for the nightly job, %d for the "
                + "monthly job%n", single.partitionCount(), remote.partitionCount(), remote.messagesNightly(),
                remote.messagesMonthly());
        double extra = 0;
        for (var step : remote.steps().entrySet()) {
            double[] local = single.steps().get(step.getKey());
            out.printf("    %-34s %7.1f s in one process, %7.1f s with %d worker(s)%n", step.getKey(),
                    local == null ? 0 : local[0], step.getValue()[0], workers);
            extra += step.getValue()[0] - (local == null ? 0 : local[0]);
        }
        out.printf("overhead per partition (partitioned steps' time with workers minus in one process, per partition): %.0f ms%n",
                1000 * extra / Math.max(1, remote.partitionCount()));
        return 0;
    }

    private Run run(PrintStream out, Path template, String name, Integer workerCount) throws Exception {
        Path ws = workspace.resolve(name);
        copy(template, ws);
        String url = freshSchema("bench_" + name);
        String queue = "settlement.bench." + ProcessHandle.current().pid();
        List<Process> started = new ArrayList<>();
        Map<String, Object> settings = new HashMap<>();
        if (workerCount != null) {
            settings.put("settlement.partitioning", "remote");
            settings.put("settlement.partition-queue", queue);
            settings.put("settlement.partitions", String.valueOf(partitions));
            // the schema is created and migrated by this process before the workers open it
            try (ConfigurableApplicationContext migrate = EngineContext.start(ws, url, Map.of())) {
                migrate.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
            }
            for (int i = 0; i < workerCount; i++) {
                started.add(startWorker(ws, url, queue, workspace.resolve("worker-" + (i + 1) + ".log")));
            }
            awaitRunning(workerCount);
        }
        try (ConfigurableApplicationContext context = EngineContext.start(ws, url, settings)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            JobRuns runs = context.getBean(JobRuns.class);
            long sent0 = Partitioning.messagesSent();
            long t0 = System.nanoTime();
            JobExecution nightly = runs.startNightly(NightlyJobConfiguration.NIGHTLY_JOB, LocalDate.of(2026, 11, 2));
            double nightlySeconds = (System.nanoTime() - t0) / 1e9;
            long sent1 = Partitioning.messagesSent();
            if (nightly.getStatus() != BatchStatus.COMPLETED) {
                out.println(name + ": the nightly job did not complete: " + nightly.getExitStatus());
                return null;
            }
            t0 = System.nanoTime();
            JobExecution monthly = runs.startMonthly(MonthlyJobConfiguration.MONTHLY_JOB, "2026-09", LocalDate.of(2026, 11, 2));
            double monthlySeconds = (System.nanoTime() - t0) / 1e9;
            long sent2 = Partitioning.messagesSent();
            if (monthly.getStatus() != BatchStatus.COMPLETED) {
                out.println(name + ": the monthly job did not complete: " + monthly.getExitStatus());
                return null;
            }
            long ingested = jdbc.queryForObject("SELECT SUM(records_ingested) FROM ingest_file", Long.class);
            long details = jdbc.queryForObject("SELECT COUNT(*) FROM incentive_detail", Long.class);
            Map<String, double[]> steps = new LinkedHashMap<>();
            long partitionCount = 0;
            for (JobExecution job : List.of(nightly, monthly)) {
                for (StepExecution step : job.getStepExecutions()) {
                    if (step.getStepName().contains(":")) {
                        partitionCount++;
                    } else if (step.getExecutionContext().containsKey("batch.stepType")
                            && step.getExecutionContext().getString("batch.stepType").endsWith("PartitionStep")) {
                        steps.put(step.getStepName(), new double[] {
                            Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1e3});
                    }
                }
            }
            if (workerCount != null) {
                // the bench's own queue goes with it
                context.getBean(RabbitAdmin.class).deleteQueue(queue);
            }
            out.printf("%-10s nightly %,d records in %.1f s (%,.0f records/s); monthly %,d details in %.1f s%n", name,
                    ingested, nightlySeconds, ingested / nightlySeconds, details, monthlySeconds);
            return new Run(nightlySeconds, monthlySeconds, ingested, details, steps, partitionCount, sent1 - sent0,
                    sent2 - sent1);
        } finally {
            for (Process p : started) {
                p.destroy();
            }
            for (Process p : started) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private Process startWorker(Path ws, String url, String queue, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:+UseParallelGC", "-Dsettlement.partition-queue=" + queue, "-cp", System.getProperty("java.class.path"),
                "io.partnersettlement.SettlementApplication", "worker", "--workspace=" + ws, "--database-url=" + url);
        workerLogs.add(log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private final List<Path> workerLogs = new ArrayList<>();

    private void awaitRunning(int count) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (Path log : workerLogs.subList(workerLogs.size() - count, workerLogs.size())) {
            while (!(Files.exists(log) && Files.readString(log).contains("worker running"))) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("a worker did not start: see " + log);
                }
                Thread.sleep(200);
            }
        }
    }

    private String freshSchema(String schema) throws Exception {
        String base = databaseUrl;
        try (Connection c = DriverManager.getConnection(base)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
