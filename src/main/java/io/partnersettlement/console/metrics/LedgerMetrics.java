package io.partnersettlement.console.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.partnersettlement.consumption.RejectReason;

/**
 * The jobs' figures as metrics, read from the ledger's tables when they are scraped (so they count every run, whichever
 * process ran it): records ingested, lines read and repeats, rejected lines by reason, files set aside whole by reason,
 * and the runs' durations per job and final state. One scrape reads the tables once.
 */
@Component
public class LedgerMetrics implements MeterBinder {

    /** Whole-file reasons beside the line reasons (the ingest's registration and settlement name them). */
    private static final List<String> FILE_REASONS = List.of("MISSING_COLUMN", "BAD_ENCODING", "BAD_COMPRESSION",
            "TOO_MANY_LINES", "NOT_A_REGULAR_FILE");
    private static final List<String> JOBS = List.of("nightlyJob", "monthlyJob");
    private static final List<String> STATES = List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot;

    public LedgerMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Durations(long count, double seconds) {
    }

    record Snapshot(long takenNanos, long linesRead, long ingested, long repeats, Map<String, Long> rejectedLines,
            Map<String, Long> rejectedFiles, Map<String, Durations> runs, long statementsPending) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("settlement.records.ingested", this, m -> m.now().ingested())
                .description("consumption records ingested (valid, not repeats)").register(registry);
        FunctionCounter.builder("settlement.lines.read", this, m -> m.now().linesRead())
                .description("lines read from inbox files").register(registry);
        FunctionCounter.builder("settlement.repeats.skipped", this, m -> m.now().repeats())
                .description("records seen before with the same content, skipped").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("settlement.rejected.lines", this,
                            m -> m.now().rejectedLines().getOrDefault(reason.name(), 0L))
                    .tag("reason", reason.name()).description("lines rejected, by reason").register(registry);
        }
        for (String reason : FILE_REASONS) {
            FunctionCounter.builder("settlement.rejected.files", this,
                            m -> m.now().rejectedFiles().getOrDefault(reason, 0L))
                    .tag("reason", reason).description("inbox files set aside whole, by reason").register(registry);
        }
        for (String job : JOBS) {
            for (String state : STATES) {
                String key = job + "/" + state;
                FunctionTimer.builder("settlement.run.duration", this,
                                m -> m.now().runs().getOrDefault(key, new Durations(0, 0)).count(),
                                m -> m.now().runs().getOrDefault(key, new Durations(0, 0)).seconds(), TimeUnit.SECONDS)
                        .tags("job", job.replace("Job", ""), "status", state)
                        .description("runs that ended, and their total duration").register(registry);
            }
        }
        Gauge.builder("settlement.statements.pending.confirmation", this, m -> m.now().statementsPending())
                .description("statements waiting for confirmation").register(registry);
    }

    /** The tables' figures, read at most once a second however many meters ask. */
    Snapshot now() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.takenNanos() < 1_000_000_000L) {
            return s;
        }
        synchronized (this) {
            if (snapshot != null && System.nanoTime() - snapshot.takenNanos() < 1_000_000_000L) {
                return snapshot;
            }
            snapshot = read();
            return snapshot;
        }
    }

    private Snapshot read() {
        long[] files = jdbc.queryForObject("""
                SELECT COALESCE(SUM(lines_read), 0), COALESCE(SUM(records_ingested), 0), COALESCE(SUM(repeats), 0)
                  FROM ingest_file""", (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        Map<String, Long> lines = new TreeMap<>();
        jdbc.query("SELECT reason, COUNT(*) FROM rejected_line GROUP BY reason",
                rs -> {
                    lines.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> wholeFiles = new TreeMap<>();
        jdbc.query("SELECT reject_reason, COUNT(*) FROM ingest_file WHERE reject_reason IS NOT NULL GROUP BY reject_reason",
                rs -> {
                    wholeFiles.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Durations> runs = new TreeMap<>();
        jdbc.query("""
                SELECT i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME
                  FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE e.END_TIME IS NOT NULL AND e.START_TIME IS NOT NULL""", rs -> {
            var start = rs.getTimestamp(3).toInstant();
            var end = rs.getTimestamp(4).toInstant();
            double seconds = Math.max(0, java.time.Duration.between(start, end).toMillis() / 1000.0);
            runs.merge(rs.getString(1) + "/" + rs.getString(2), new Durations(1, seconds),
                    (a, b) -> new Durations(a.count() + b.count(), a.seconds() + b.seconds()));
        });
        Long pending = jdbc.queryForObject("SELECT COUNT(*) FROM statement WHERE status = 'PENDING_CONFIRMATION'", Long.class);
        return new Snapshot(System.nanoTime(), files[0], files[1], files[2], lines, wholeFiles, runs,
                pending == null ? 0 : pending);
    }
}
