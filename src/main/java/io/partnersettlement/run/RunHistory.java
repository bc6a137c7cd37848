package io.partnersettlement.run;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The runs as the status command and the console list them: one row per job execution with its business parameters
 * and the counts of what it read and wrote; the state a dead run shows; the duration as both print it.
 */
public final class RunHistory {

    /**
     * Columns: 1 execution id, 2 job name, 3 status, 4 start, 5 end, 6 exit code, 7 exit message, 8 business date,
     * 9 run number, 10 period, 11 lines read, 12 records ingested, 13 repeats, 14 rejected, 15 items written. Callers
     * add their {@code WHERE} or {@code ORDER BY}.
     */
    public static final String RUNS = """
            SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_CODE, e.EXIT_MESSAGE,
                   (SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
                     WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'businessDate') AS business_date,
                   (SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
                     WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'run') AS run_no,
                   (SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
                     WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'period') AS period,
                   (SELECT COALESCE(SUM(f.lines_read), 0) FROM ingest_file f WHERE f.job_instance_id = i.JOB_INSTANCE_ID),
                   (SELECT COALESCE(SUM(f.records_ingested), 0) FROM ingest_file f WHERE f.job_instance_id = i.JOB_INSTANCE_ID),
                   (SELECT COALESCE(SUM(f.repeats), 0) FROM ingest_file f WHERE f.job_instance_id = i.JOB_INSTANCE_ID),
                   (SELECT COALESCE(SUM(f.rejected), 0) FROM ingest_file f WHERE f.job_instance_id = i.JOB_INSTANCE_ID),
                   (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                     WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID)
              FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
            """;

    private RunHistory() {
    }

    /** The latest {@code last} runs, newest first. */
    public static String latest(int last) {
        return RUNS + " ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST " + Math.max(0, last) + " ROWS ONLY";
    }

    /** A run's state: {@code DIED} for one still marked running whose node's lease has ended. */
    public static String state(JdbcClient jdbc, long executionId, String status) {
        boolean running = "STARTED".equals(status) || "STARTING".equals(status) || "STOPPING".equals(status)
                || "UNKNOWN".equals(status);
        return running && RunOwner.leaseEnded(jdbc, executionId) ? "DIED" : status;
    }

    /** How long a run took, or has taken so far: {@code 4.2s}, {@code 3m07s}, {@code 1h05m}. */
    public static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "";
        }
        Duration d = Duration.between(start, end != null ? end : LocalDateTime.now());
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%d.%01ds", s, d.toMillisPart() / 100);
    }
}
