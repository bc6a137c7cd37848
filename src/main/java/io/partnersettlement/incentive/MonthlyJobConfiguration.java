package io.partnersettlement.incentive;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.PlannerStatistics;
import io.partnersettlement.statement.StatementGenerator;
import io.partnersettlement.statement.StatementWorkbook;
import io.partnersettlement.run.RunOwner;
import io.partnersettlement.workspace.EngineSettings;

/**
 * The monthly job of a period: reference data, incentive details with their freezes and milestone splits, then side by
 * side the incentives workbook and the period's statements with their workbooks. Identified by its period, business
 * date and run number.
 */
@Configuration
public class MonthlyJobConfiguration {

    public static final String MONTHLY_JOB = "monthlyJob";
    public static final String COMPUTE_INCENTIVE_DETAILS_STEP = "computeIncentiveDetailsStep";
    public static final String WRITE_INCENTIVE_WORKBOOK_STEP = "writeIncentiveWorkbookStep";
    public static final String GENERATE_STATEMENTS_STEP = "generateStatementsStep";
    public static final String WRITE_STATEMENT_WORKBOOKS_STEP = "writeStatementWorkbooksStep";
    /** The periods whose details a run computed: its own, and earlier ones with details still frozen. */
    static final String PERIODS_KEY = "incentive.periods";

    /** The detail ties each run's compute step verified, by job execution and period, until its workbook shows them. */
    private final Map<String, List<ControlTotals.Tie>> verifiedTies = new ConcurrentHashMap<>();

    @Bean
    Job monthlyJob(JobRepository jobRepository, Step loadReferenceDataStep, Step computeIncentiveDetailsStep,
            Step writeIncentiveWorkbookStep, Step generateStatementsStep, Step writeStatementWorkbooksStep,
            RunOwner runOwner) {
        // the incentive workbook reads only the details and the partners, which the statement steps do not write: it is
        // written on a thread of its own while the statements are generated and written
        Flow statements = new FlowBuilder<SimpleFlow>("statementsFlow")
                .start(generateStatementsStep)
                .next(writeStatementWorkbooksStep)
                .build();
        Flow incentiveWorkbook = new FlowBuilder<SimpleFlow>("incentiveWorkbookFlow")
                .start(writeIncentiveWorkbookStep)
                .build();
        Flow outputs = new FlowBuilder<SimpleFlow>("monthlyOutputsFlow")
                .split(new SimpleAsyncTaskExecutor("monthly-outputs-"))
                .add(statements, incentiveWorkbook)
                .build();
        Flow monthly = new FlowBuilder<SimpleFlow>("monthlyFlow")
                .start(loadReferenceDataStep)
                .next(computeIncentiveDetailsStep)
                .next(outputs)
                .build();
        return new JobBuilder(MONTHLY_JOB, jobRepository)
                .listener(runOwner)
                .start(monthly)
                .end()
                .build();
    }

    @Bean
    Step generateStatementsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            MonthlySettlement settlement, JdbcTemplate jdbc) {
        return new StepBuilder(GENERATE_STATEMENTS_STEP, jobRepository)
                .tasklet((contribution, context) -> {
                    var job = context.getStepContext().getStepExecution().getJobExecution();
                    String period = job.getJobParameters().getString(JobRuns.PERIOD);
                    for (String problem : settlement.generateStatements(period,
                            job.getJobParameters().getLocalDate(JobRuns.BUSINESS_DATE))) {
                        jdbc.update("INSERT INTO run_problem (job_execution_id, subject, message) VALUES (?, ?, ?)",
                                job.getId(), problem.substring(0, problem.indexOf(':')), problem);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step writeStatementWorkbooksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            StatementWorkbook workbook, io.partnersettlement.documents.LedgerDocuments documents,
            EngineSettings settings) {
        return new StepBuilder(WRITE_STATEMENT_WORKBOOKS_STEP, jobRepository)
                .tasklet((contribution, context) -> {
                    String period = context.getStepContext().getStepExecution().getJobExecution().getJobParameters()
                            .getString(JobRuns.PERIOD);
                    workbook.writePeriod(period, settings.workspaceFolders().out());
                    documents.publish(settings.workspaceFolders().out());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step computeIncentiveDetailsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            MonthlySettlement settlement, JdbcTemplate jdbc, ControlTotals controls, PlannerStatistics statistics,
            io.partnersettlement.performance.TieOutRecords tieOutRecords) {
        return new StepBuilder(COMPUTE_INCENTIVE_DETAILS_STEP, jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution step = context.getStepContext().getStepExecution();
                    var parameters = step.getJobExecution().getJobParameters();
                    String period = parameters.getString(JobRuns.PERIOD);
                    LocalDate businessDate = parameters.getLocalDate(JobRuns.BUSINESS_DATE);
                    // the consumption is read a page at a time: planned for the rows the nightly runs just added
                    statistics.update("consumption_fact");
                    long execution = step.getJobExecution().getId();
                    jdbc.update("DELETE FROM run_problem WHERE job_execution_id = ?", execution);
                    // each earlier period in a transaction of its own: a rerun computes again what a failed run left
                    MonthlySettlement.Details details = settlement.computeDetails(period, businessDate,
                            new org.springframework.transaction.support.TransactionTemplate(transactionManager));
                    for (String problem : details.problems()) {
                        String message = problem.substring(problem.indexOf(' ') + 1);
                        jdbc.update("INSERT INTO run_problem (job_execution_id, subject, message) VALUES (?, ?, ?)",
                                execution, message.substring(0, message.indexOf(':')), problem);
                    }
                    details.results().values().forEach(r -> contribution.incrementWriteCount(r.details() + r.children()));
                    // the ties, the statements and the workbooks read the details just written
                    statistics.update("incentive_detail");
                    // the period's performance ties out with its details, and its details with their freezes; the
                    // incentive workbook shows these ties, read once here
                    List<ControlTotals.Tie> ties = controls.detailTies(period);
                    ControlTotals.require(tieOutRecords.checks(period, ties));
                    verifiedTies.put(step.getJobExecution().getId() + "/" + period, ties);
                    // the workbooks to write: this period's, and those of earlier periods whose details changed
                    step.getJobExecution().getExecutionContext().putString(PERIODS_KEY, String.join(",", details.changed()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /**
     * The periods before {@code period} with a detail still frozen and unsettled: period by period through the ledger's
     * period index, each answered by its first such detail (a single query over every earlier period would read all of
     * their details).
     */
    static List<String> periodsWithFrozenDetails(JdbcTemplate jdbc, String period) {
        return StatementGenerator.earlierPeriods(jdbc, period).stream()
                .filter(each -> !jdbc.queryForList("""
                        SELECT 1 FROM incentive_detail
                         WHERE period = ? AND status = 'FROZEN' AND settled_statement_id IS NULL
                         FETCH FIRST 1 ROWS ONLY""", Integer.class, each).isEmpty())
                .toList();
    }

    @Bean
    Step writeIncentiveWorkbookStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            IncentiveWorkbook workbook, EngineSettings settings) {
        return new StepBuilder(WRITE_INCENTIVE_WORKBOOK_STEP, jobRepository)
                .tasklet((contribution, context) -> {
                    var job = context.getStepContext().getStepExecution().getJobExecution();
                    String periods = job.getExecutionContext().containsKey(PERIODS_KEY)
                            ? job.getExecutionContext().getString(PERIODS_KEY)
                            : job.getJobParameters().getString(JobRuns.PERIOD);
                    for (String period : periods.split(",")) {
                        // a restarted run reads the ties again: the ledger may have changed since they were verified
                        List<ControlTotals.Tie> ties = verifiedTies.remove(job.getId() + "/" + period);
                        workbook.write(period, settings.workspaceFolders().out(), ties);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
