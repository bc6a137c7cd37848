package io.partnersettlement.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.cli.EngineContext;
import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.ingest.IdHistoryLoader;
import io.partnersettlement.ingest.IdLedger;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.workspace.Workspace;

/**
 * {@code ./run.sh bench --nights N --records M}: N consecutive nightly runs in one workspace, each of M records with new
 * ids, billed on one day each (the nights' bill dates consecutive), plus 1 % repeats of lines of earlier nights (harmless
 * repeats, skipped) and a few lines of earlier nights with the same id and other content (each must be rejected as
 * {@code DUPLICATE_ID}). After the night that brings a month's last bill date, that month's monthly job runs. Per night
 * it prints the rates, the peak heap, the heap in use after a full collection at the night's end, the process's peak
 * RSS in that night and the database's size; the last line
 * sums the trend up. It fails when a night does not complete or a repeat or a duplicate is not found.
 */
public final class SoakBench {

    /** Changed-content duplicates per night (after the first). */
    static final int CHANGED_PER_NIGHT = 5;

    private final Path workspace;
    private final int nights;
    private final long records;
    private final String databaseUrl;
    private final LocalDate firstDay;

    /** Ids of earlier nights put in the ledger before the first night (a pre-built history). */
    private final long historyIds;

    public SoakBench(Path workspace, int nights, long records, String databaseUrl, LocalDate firstDay, long historyIds) {
        this.historyIds = historyIds;
        this.workspace = workspace;
        this.nights = nights;
        this.records = records;
        this.databaseUrl = databaseUrl;
        this.firstDay = firstDay;
    }

    record Night(double ingestRate, long heapMib) {
    }

    public int run(PrintStream out) throws Exception {
        Workspace.deleteTree(workspace);
        SampleWorkspaceGenerator.writeBenchWorkspace(workspace, 0, 1);
        Path inbox = workspace.resolve("inbox");
        List<Night> done = new ArrayList<>();
        try (ConfigurableApplicationContext context = EngineContext.start(workspace, databaseUrl, Map.of())) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            JobRuns runs = context.getBean(JobRuns.class);
            if (jdbc.queryForObject("SELECT COUNT(*) FROM ingest_file", Long.class) > 0) {
                out.println("error: the database already holds ingested files: the soak bench needs an empty one");
                return 2;
            }
            out.printf("soak: %d nights of %,d new records from bill date %s, %s%n", nights, records, firstDay,
                    databaseUrl == null ? "H2" : "PostgreSQL");
            if (historyIds > 0) {
                prebuildHistory(jdbc, out);
            }
            out.printf("%5s %10s %12s %12s %9s %8s %11s %9s %9s %8s %9s %10s%n", "night", "bill date", "history ids",
                    "ingest/s", "nightly", "repeats", "duplicates", "heap MiB", "live MiB", "RSS MiB", "db MiB",
                    "generated");
            for (int n = 1; n <= nights; n++) {
                LocalDate day = firstDay.plusDays(n - 1);
                long t0 = System.nanoTime();
                SampleWorkspaceGenerator.writeSoakNight(inbox, day, (n - 1) * records, records);
                long[] expected = earlierLines(jdbc, inbox.resolve("consumption-" + day + "-earlier.csv"), n);
                double generated = (System.nanoTime() - t0) / 1e9;

                Bench.resetPeaks();
                resetPeakRss();
                t0 = System.nanoTime();
                JobExecution night = runs.startNightly(NightlyJobConfiguration.NIGHTLY_JOB, day.plusDays(2));
                double seconds = (System.nanoTime() - t0) / 1e9;
                long heap = Bench.peakHeap() >> 20;
                // what the engine keeps between nights: the heap in use after a full collection
                System.gc();
                long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                if (night.getStatus() != BatchStatus.COMPLETED) {
                    out.println("error: night " + n + " did not complete: " + night.getExitStatus());
                    return 1;
                }
                long instance = night.getJobInstance().getInstanceId();
                long lines = jdbc.queryForObject("SELECT SUM(lines_read) FROM ingest_file WHERE job_instance_id = ?",
                        Long.class, instance);
                long repeats = jdbc.queryForObject("SELECT SUM(repeats) FROM ingest_file WHERE job_instance_id = ?",
                        Long.class, instance);
                long duplicates = jdbc.queryForObject("""
                        SELECT COUNT(*) FROM rejected_line r JOIN ingest_file f ON f.file_id = r.file_id
                         WHERE f.job_instance_id = ? AND r.reason = 'DUPLICATE_ID'""", Long.class, instance);
                double ingest = stepSeconds(night, NightlyJobConfiguration.INGEST_CONSUMPTION_STEP);
                double rate = lines / ingest;
                out.printf("%5d %10s %,12d %,12.0f %8.1fs %,8d %,11d %,9d %,9d %,8d %,9d %9.1fs%n", n, day,
                        IdLedger.count(jdbc), rate, seconds, repeats, duplicates, heap, live, Bench.peakRssKib() >> 10,
                        databaseBytes(jdbc) >> 20, generated);
                if (repeats != expected[0] || duplicates != expected[1]) {
                    out.printf("error: night %d: %d repeats and %d DUPLICATE_ID expected, %d and %d found%n", n,
                            expected[0], expected[1], repeats, duplicates);
                    return 1;
                }
                done.add(new Night(rate, heap));
                if (!day.plusDays(1).getMonth().equals(day.getMonth())) {
                    String period = day.toString().substring(0, 7);
                    Bench.resetPeaks();
                    t0 = System.nanoTime();
                    JobExecution monthly = runs.startMonthly(MonthlyJobConfiguration.MONTHLY_JOB, period, day.plusDays(2));
                    double monthlySeconds = (System.nanoTime() - t0) / 1e9;
                    if (monthly.getStatus() != BatchStatus.COMPLETED) {
                        out.println("error: the monthly job of " + period + " did not complete: " + monthly.getExitStatus());
                        return 1;
                    }
                    out.printf("      monthly job of %s: %.1f s (%.2f x the night's nightly job), peak heap %,d MiB%n",
                            period, monthlySeconds, monthlySeconds / seconds, Bench.peakHeap() >> 20);
                }
            }
            Night first = done.get(0);
            Night last = done.get(done.size() - 1);
            out.printf("soak: nights=%d records_per_night=%d history_ids=%d first_rate=%.0f last_rate=%.0f rate_ratio=%.2f"
                    + " first_heap_mib=%d last_heap_mib=%d%n", nights, records, IdLedger.count(jdbc), first.ingestRate(),
                    last.ingestRate(), last.ingestRate() / first.ingestRate(), first.heapMib(), last.heapMib());
        }
        return 0;
    }

    /** Ids a pre-built night holds: the nights' own size, at most ten million. */
    private long historyNightIds() {
        return Math.min(records, 10_000_000);
    }

    /**
     * The pre-built history: {@link #historyIds} ids in nights of {@link #historyNightIds()} before the first bill date,
     * named as the generator names a night's ids ({@code BD<yyyyMMdd><12 digits>}, so no night's id is among them),
     * written and indexed night by night through the id ledger's own write path ({@link IdHistoryLoader}), each a
     * generation of the index, the workspace's filter brought up to date with each. Their files (numbered from
     * 1,000,000, past the nights') are not ingested: no night repeats them.
     */
    private void prebuildHistory(JdbcTemplate jdbc, PrintStream out) throws IOException {
        long perNight = historyNightIds();
        long batches = (historyIds + perNight - 1) / perNight;
        long started = System.nanoTime();
        for (long k = 0; k < batches; k++) {
            long t0 = System.nanoTime();
            String day = firstDay.minusDays(batches - k).toString().replace("-", "");
            long count = Math.min(perNight, historyIds - k * perNight);
            long indexed = IdHistoryLoader.write(jdbc, new Workspace(workspace), "CNY", 1_000_000 + k, count,
                    i -> "BD" + day + String.format("%012d", i));
            out.printf("history %3d/%d: %,d ids of %s written and indexed in %.1f s; %,d ids, database %,d MiB%n", k + 1,
                    batches, indexed, day, (System.nanoTime() - t0) / 1e9, IdLedger.count(jdbc),
                    databaseBytes(jdbc) >> 20);
        }
        out.printf("history: %,d ids in %.0f s%n", IdLedger.count(jdbc), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Writes the night's file of lines of earlier nights: 1 % of a night's records repeated as they were, spread over
     * the earlier nights, and {@value #CHANGED_PER_NIGHT} with the same id and another trade time. Returns the repeats
     * and the duplicates the night must report.
     */
    private long[] earlierLines(JdbcTemplate jdbc, Path file, int night) throws IOException {
        if (night == 1) {
            return new long[] {0, 0};
        }
        long repeats = 0;
        long changed = 0;
        long wanted = records / 100;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            boolean header = false;
            for (int k = 1; k < night; k++) {
                LocalDate earlier = firstDay.plusDays(k - 1);
                long take = wanted / (night - 1) + (k <= wanted % (night - 1) ? 1 : 0);
                int change = k == night - 1 ? CHANGED_PER_NIGHT : 0;
                String archived = jdbc.queryForObject("SELECT archived_as FROM ingest_file WHERE file_name = ?",
                        String.class, "consumption-" + earlier + "-0001.csv");
                Path source = workspace.resolve("archive").resolve(archived);
                try (Stream<String> lines = Files.lines(source, StandardCharsets.UTF_8)) {
                    List<String> all = lines.toList();
                    if (!header) {
                        w.write(all.get(0));
                        w.newLine();
                        header = true;
                    }
                    int body = all.size() - 1;
                    // repeats from the start of the file, spread; the changed ones from its end, never the same lines
                    long step = Math.max(1, (body / 2) / Math.max(1, take));
                    for (long i = 0; i < take && 1 + i * step < 1 + body / 2; i++) {
                        w.write(all.get((int) (1 + i * step)));
                        w.newLine();
                        repeats++;
                    }
                    for (int c = 0; c < change && c < body / 2; c++) {
                        w.write(otherTradeTime(all.get(all.size() - 1 - c * 7)));
                        w.newLine();
                        changed++;
                    }
                }
            }
        }
        return new long[] {repeats, changed};
    }

    /** The line with its trade time (the fourth field) moved by one second: same id, other content. */
    static String otherTradeTime(String line) {
        String[] f = line.split(",", -1);
        String time = f[3];
        int s = Integer.parseInt(time.substring(17, 19));
        f[3] = time.substring(0, 17) + String.format("%02d", (s + 1) % 60) + time.substring(19);
        return String.join(",", f);
    }

    private static double stepSeconds(JobExecution execution, String step) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(step))
                .mapToDouble(s -> Duration.between(s.getStartTime(), s.getEndTime()).toMillis() / 1e3)
                .sum();
    }

    /** The database's size on disk: the H2 files of the workspace, or PostgreSQL's own figure. */
    private long databaseBytes(JdbcTemplate jdbc) throws IOException {
        if (databaseUrl != null) {
            Long size = jdbc.execute((ConnectionCallback<Long>) c -> {
                try (var rs = c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            return size == null ? 0 : size;
        }
        try (Stream<Path> files = Files.walk(workspace.resolve("db"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Starts the process's peak RSS (VmHWM) over, so each night shows its own; Linux only, else a no-op. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the peak then covers the process's life
        }
    }
}
