package io.partnersettlement.cli;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;

import org.springframework.jdbc.core.simple.JdbcClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.run.RunOwner;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Recent runs: state, counts read/written/skipped/rejected, duration.", "Example: ./run.sh status"})
class StatusCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() {
        try (LedgerView ledger = workspace.read()) {
            JdbcClient jdbc = ledger.client;
            System.out.printf("%-9s %-11s %-39s %-10s %-19s %9s %11s %11s %9s %9s  %s%n", "execution", "job", "parameters",
                    "state", "started", "duration", "read", "written", "skipped", "rejected", "exit");
            jdbc.sql("""
                    SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_CODE, i.JOB_INSTANCE_ID,
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
                     ORDER BY e.JOB_EXECUTION_ID DESC""")
                    .query(rs -> {
                        if (rs.getRow() > last) {
                            return;
                        }
                        long id = rs.getLong(1);
                        String state = rs.getString(3);
                        if (("STARTED".equals(state) || "STARTING".equals(state) || "STOPPING".equals(state)
                                || "UNKNOWN".equals(state)) && RunOwner.leaseEnded(jdbc, id)) {
                            state = "DIED";
                        }
                        LocalDateTime start = rs.getObject(4, LocalDateTime.class);
                        LocalDateTime end = rs.getObject(5, LocalDateTime.class);
                        String duration = start == null ? "" : format(Duration.between(start, end != null ? end : LocalDateTime.now()));
                        String params = (rs.getString(10) == null ? "" : "period=" + rs.getString(10) + " ")
                                + "date=" + rs.getString(8) + " run=" + rs.getString(9);
                        System.out.printf("%-9d %-11s %-39s %-10s %-19s %9s %,11d %,11d %,9d %,9d  %s%n", id,
                                rs.getString(2).replace("Job", ""), params, state,
                                start == null ? "" : start.withNano(0).toString().replace('T', ' '), duration,
                                rs.getLong(11), rs.getString(2).startsWith("nightly") ? rs.getLong(12) : rs.getLong(15),
                                rs.getLong(13), rs.getLong(14),
                                "DIED".equals(state) ? "restart with ./run.sh restart --execution " + id : rs.getString(6));
                    });
            return 0;
        }
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%d.%01ds", s, d.toMillisPart() / 100);
    }
}
