package io.partnersettlement.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.sun.management.OperatingSystemMXBean;

import io.partnersettlement.cli.EngineContext;
import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.workspace.Workspace;

/**
 * {@code ./run.sh bench}: generates N records into a fresh workspace and measures, in one run, (a) a parse-only pass
 * over the files with the engine's own parser on one thread, (a2) the same on every processor (the CPU limit), (b) a
 * deliberately plain Spring Batch job — the yardstick a user would write — (c) the engine's nightly job, (d) the
 * monthly job of the period the records fall in (or, over two periods, the monthly jobs of both, with the month-end's
 * nightly run confirming the first period's statements between them, timed on its own and not counted in (d)), and
 * (e) writing one sheet of a million incentive details. For (c) and (d) it also measures the processor time the
 * process used, which drifts less than wall time between phases minutes apart.
 */
public final class Bench {

    /** Rows of the sheet phase (e): a period's incentive details at about ten million records. */
    static final int SHEET_ROWS = 1_000_000;
    /** Business date of the second monthly job: past the first period's statements' confirmation window. */
    static final LocalDate MONTH_END = LocalDate.of(2026, 11, 10);

    private final Path workspace;
    private final long records;
    private final long yardstickRecords;
    private final String databaseUrl;
    /** The periods the records are spread over: 1 (2026-09) or 2 (2026-09 and 2026-10). */
    private final int periods;

    public Bench(Path workspace, long records, long yardstickRecords, String databaseUrl, int periods) {
        this.workspace = workspace;
        this.records = records;
        this.yardstickRecords = yardstickRecords;
        this.databaseUrl = databaseUrl;
        this.periods = periods;
    }

    record Phase(String name, long records, double seconds, long peakHeap) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    public int run(PrintStream out) throws Exception {
        Workspace.deleteTree(workspace);
        long t0 = System.nanoTime();
        List<Path> files = SampleWorkspaceGenerator.writeBenchWorkspace(workspace, records, periods);
        List<String> billPeriods = List.of("2026-09", "2026-10").subList(0, periods);
        out.printf("generated %,d records of %s in %d file(s) in %.1f s%n", records, String.join(" and ", billPeriods),
                files.size(), (System.nanoTime() - t0) / 1e9);

        resetPeaks();
        t0 = System.nanoTime();
        long parsed = ParseOnlyPass.parse(files);
        Phase parse = new Phase("(a) parse only", parsed, (System.nanoTime() - t0) / 1e9, peakHeap());
        print(out, parse);

        int threads = Runtime.getRuntime().availableProcessors();
        resetPeaks();
        t0 = System.nanoTime();
        long parsedOnAll = ParseOnlyPass.parseParallel(files, threads);
        Phase parseAll = new Phase("(a2) parse only, " + threads + " threads", parsedOnAll, (System.nanoTime() - t0) / 1e9,
                peakHeap());
        print(out, parseAll);

        resetPeaks();
        Path yardstickDb = workspace.resolve("yardstick-db");
        t0 = System.nanoTime();
        long plain = YardstickJob.run(files, yardstickRecords, yardstickDb, databaseUrl);
        Phase yardstick = new Phase("(b) plain Spring Batch job", plain, (System.nanoTime() - t0) / 1e9, peakHeap());
        print(out, yardstick);
        Workspace.deleteTree(yardstickDb);

        resetPeaks();
        Phase engine;
        try (ConfigurableApplicationContext context = EngineContext.start(workspace, databaseUrl, Map.of())) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            double cpu0 = cpuSeconds();
            t0 = System.nanoTime();
            JobExecution execution = context.getBean(JobRuns.class).startNightly(NightlyJobConfiguration.NIGHTLY_JOB,
                    LocalDate.of(2026, 11, 2));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double nightlyCpu = cpuSeconds() - cpu0;
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                out.println("the nightly job did not complete: " + execution.getExitStatus());
                return 1;
            }
            Long ingested = jdbc.queryForObject("SELECT SUM(records_ingested) FROM ingest_file WHERE job_instance_id = ?",
                    Long.class, execution.getJobInstance().getInstanceId());
            engine = new Phase("(c) engine nightly job", ingested == null ? 0 : ingested, seconds, peakHeap());
            BigDecimal performance = jdbc.queryForObject("SELECT COALESCE(SUM(performance), 0) FROM performance_period",
                    BigDecimal.class);
            out.printf("    performance computed: %s over %d partner-periods, %,d summed consumption rows%n",
                    performance.stripTrailingZeros().toPlainString(),
                    jdbc.queryForObject("SELECT COUNT(*) FROM performance_period", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM consumption_fact", Long.class));
            print(out, engine);
            out.printf("    processor time: %.1f CPU-s (%.2f of %d processors busy)%n", nightlyCpu, nightlyCpu / seconds,
                    threads);
            printSteps(out, "", execution);

            resetPeaks();
            List<JobExecution> monthlies = new ArrayList<>();
            double monthlySeconds = 0;
            double monthlyCpu = 0;
            for (String period : billPeriods) {
                if (!monthlies.isEmpty()) {
                    // the month-end between the two: a nightly run past the confirmation window confirms the first
                    // period's statements, so the second job settles its own period and what the first left frozen
                    t0 = System.nanoTime();
                    JobExecution confirming = context.getBean(JobRuns.class).startNightly(NightlyJobConfiguration.NIGHTLY_JOB,
                            MONTH_END);
                    if (confirming.getStatus() != BatchStatus.COMPLETED) {
                        out.println("the nightly job of " + MONTH_END + " did not complete: " + confirming.getExitStatus());
                        return 1;
                    }
                    long confirmed = jdbc.queryForObject("""
                            SELECT COUNT(*) FROM statement WHERE period = '2026-09' AND status <> 'PENDING_CONFIRMATION'""",
                            Long.class);
                    out.printf("    nightly job of %s (empty inbox), confirming %d statement(s) of 2026-09: %.1f s,"
                            + " not counted in (d)%n", MONTH_END, confirmed, (System.nanoTime() - t0) / 1e9);
                }
                cpu0 = cpuSeconds();
                t0 = System.nanoTime();
                JobExecution monthly = context.getBean(JobRuns.class).startMonthly(
                        MonthlyJobConfiguration.MONTHLY_JOB, period,
                        monthlies.isEmpty() ? LocalDate.of(2026, 11, 2) : MONTH_END);
                monthlySeconds += (System.nanoTime() - t0) / 1e9;
                monthlyCpu += cpuSeconds() - cpu0;
                if (monthly.getStatus() != BatchStatus.COMPLETED) {
                    out.println("the monthly job did not complete: " + monthly.getExitStatus());
                    return 1;
                }
                monthlies.add(monthly);
            }
            long details = jdbc.queryForObject("SELECT COUNT(*) FROM incentive_detail", Long.class);
            out.printf("%-28s %,11d details %7.1f s %,9.0f details/s   peak heap %,5d MiB   (%.2f x the nightly job's time)%n",
                    periods == 1 ? "(d) monthly job, 1 period" : "(d) monthly jobs, 2 periods", details,
                    monthlySeconds, details / monthlySeconds, peakHeap() >> 20, monthlySeconds / seconds);
            // the machine's speed drifts between phases minutes apart: processor time is the steadier comparison
            out.printf("    processor time: %.1f CPU-s (%.2f x the nightly job's %.1f CPU-s)%n", monthlyCpu,
                    monthlyCpu / nightlyCpu, nightlyCpu);
            for (JobExecution monthly : monthlies) {
                printSteps(out, monthly.getJobParameters().getString(JobRuns.PERIOD) + " ", monthly);
            }
        }
        resetPeaks();
        Path sheet = workspace.resolve("bench-details-sheet.xlsx");
        t0 = System.nanoTime();
        long rows = SheetBench.write(sheet, SHEET_ROWS);
        double sheetSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf("%-28s %,11d rows    %7.1f s %,9.0f rows/s      peak heap %,5d MiB   (%,d MiB on disk)%n",
                "(e) one Details sheet", rows, sheetSeconds, rows / sheetSeconds, peakHeap() >> 20,
                Files.size(sheet) >> 20);
        Files.delete(sheet);
        out.printf("c/b = %.2f   c/a = %.2f   c/a2 = %.2f   peak RSS %,d MiB   max heap %,d MiB%n",
                engine.recordsPerSecond() / yardstick.recordsPerSecond(), engine.recordsPerSecond() / parse.recordsPerSecond(),
                engine.recordsPerSecond() / parseAll.recordsPerSecond(), peakRssKib() / 1024,
                Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    /** The time of each step of a job execution, in the order they ran. */
    private static void printSteps(PrintStream out, String prefix, JobExecution execution) {
        for (var step : execution.getStepExecutions()) {
            out.printf("    %-42s %7.1f s%n", prefix + step.getStepName(),
                    Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1e3);
        }
    }

    private static void print(PrintStream out, Phase p) {
        out.printf("%-28s %,11d records %7.1f s %,9.0f records/s   peak heap %,5d MiB%n", p.name(), p.records(),
                p.seconds(), p.recordsPerSecond(), p.peakHeap() >> 20);
    }

    static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
    }

    /** Processor time of this process so far, every thread (garbage collection and compilation included). */
    static double cpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Peak resident set size of this process (VmHWM), in KiB; 0 where /proc is not available. */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return 0;
    }
}
