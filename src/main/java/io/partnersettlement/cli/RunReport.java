package io.partnersettlement.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.performance.PerformanceRefresh;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.workspace.EngineSettings;

/** What an operator is told when a run ends: counts, rejects, the workbooks written, or why it failed. */
public final class RunReport {

    private RunReport() {
    }

    public static int print(ApplicationContext context, JobExecution execution, PrintStream out) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String reason = execution.getAllFailureExceptions().stream()
                    .map(t -> SettlementCli.rootMessageCarrier(t).getMessage())
                    .findFirst().orElse(execution.getExitStatus().getExitDescription());
            if (reason != null && reason.contains("\n")) {
                reason = reason.substring(0, reason.indexOf('\n'));
            }
            EngineException failed = new EngineException(execution.getJobInstance().getJobName() + " (execution "
                    + execution.getId() + ") " + execution.getStatus() + ": " + reason
                    + " — what was committed is kept; fix the cause and run ./run.sh restart --execution " + execution.getId());
            // the problems behind the reason (every bad reference line, say) are printed with it
            execution.getAllFailureExceptions().stream().findFirst().ifPresent(failed::initCause);
            throw failed;
        }
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        if (execution.getJobInstance().getJobName().equals(MonthlyJobConfiguration.MONTHLY_JOB)) {
            return printMonthly(context, jdbc, execution, out);
        }
        long instance = execution.getJobInstance().getInstanceId();
        var totals = jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(lines_read), 0), COALESCE(SUM(records_ingested), 0), COALESCE(SUM(repeats), 0),
                       COALESCE(SUM(rejected), 0), COALESCE(SUM(CASE WHEN status = 'REJECTED_FILE' THEN 1 ELSE 0 END), 0)
                  FROM ingest_file WHERE job_instance_id = :instance""")
                .param("instance", instance)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)})
                .single();
        out.printf("nightly run for %s (execution %d) completed: %d file(s), %,d lines read, %,d records ingested, "
                        + "%,d repeats skipped, %,d lines rejected, %d file(s) rejected whole%n",
                execution.getJobParameters().getParameter("businessDate").value(), execution.getId(), totals[0], totals[1],
                totals[2], totals[3], totals[4], totals[5]);
        Path rejects = context.getBean(EngineSettings.class).workspaceFolders().rejects();
        // each file's own rejects file, and each file left in the inbox because it changed while it was read
        jdbc.sql("""
                SELECT file_name, status, rejected, reject_reason, rejects_file, status_reason FROM ingest_file
                 WHERE job_instance_id = :instance AND (rejected > 0 OR status IN ('REJECTED_FILE', 'CHANGED'))
                 ORDER BY file_ordinal""")
                .param("instance", instance)
                .query(rs -> {
                    String file = rs.getString(1);
                    switch (rs.getString(2)) {
                        case "CHANGED" -> out.println("left in the inbox: " + file + " — " + rs.getString(6));
                        case "REJECTED_FILE" -> out.println("set aside whole (" + rs.getString(4) + "): " + file + " — see "
                                + rejects.resolve(rs.getString(5)));
                        default -> out.printf("%,d line(s) of %s rejected: %s%n", rs.getLong(3), file,
                                rejects.resolve(rs.getString(5)));
                    }
                });
        List<String> periods = context.getBean(PerformanceRefresh.class).periodsTouchedBy(instance);
        Path outDir = context.getBean(EngineSettings.class).workspaceFolders().out();
        for (String period : periods) {
            Path workbook = outDir.resolve(period).resolve("performance-" + period + ".xlsx");
            if (Files.exists(workbook)) {
                out.println("workbook: " + workbook);
            }
        }
        return 0;
    }

    private static int printMonthly(ApplicationContext context, JdbcClient jdbc, JobExecution execution, PrintStream out) {
        String period = execution.getJobParameters().getString(JobRuns.PERIOD);
        var counts = jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN parent_detail_id IS NOT NULL THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN status = 'FROZEN' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN settled_statement_id IS NOT NULL THEN 1 ELSE 0 END), 0)
                  FROM incentive_detail WHERE period = :period""")
                .param("period", period)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
        // the same counts, in the same words, as the computation's log line
        out.printf("monthly run for %s (execution %d, business date %s) completed: %,d incentive details (%,d of them "
                        + "batch-unfrozen children), %,d settled in confirmed statements, %,d frozen%n", period,
                execution.getId(), execution.getJobParameters().getLocalDate(JobRuns.BUSINESS_DATE),
                counts[0], counts[1], counts[3], counts[2]);
        Path outDir = context.getBean(EngineSettings.class).workspaceFolders().out();
        Path workbook = outDir.resolve(period).resolve("incentives-" + period + ".xlsx");
        if (Files.exists(workbook)) {
            out.println("workbook: " + workbook);
        }
        List<String> problems = jdbc.sql("SELECT message FROM run_problem WHERE job_execution_id = :id ORDER BY message")
                .param("id", execution.getId()).query(String.class).list();
        ProblemList.print(problems, "problem: ",
                outDir.resolve(period).resolve("problems-execution-" + execution.getId() + ".txt"), System.err::println);
        return problems.isEmpty() ? 0 : SettlementCli.PARTLY_FAILED;
    }
}
