package io.partnersettlement.incentive;

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
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.partnersettlement.partition.Partitioning;
import io.partnersettlement.performance.TieOutRecords;
import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.run.PlannerStatistics;
import io.partnersettlement.documents.LedgerDocuments;
import io.partnersettlement.statement.StatementWorkbook;
import io.partnersettlement.run.RunOwner;
import io.partnersettlement.workspace.EngineSettings;

/**
 * The monthly job of a period: reference data, incentive details with their freezes and milestone splits, then side by
 * side the incentives workbook and the period's statements with their workbooks. Identified by its period, business
 * date and run number. The details, the statements and the statement workbooks are partitioned steps (by period and
 * partner range, {@link Partitioning}); what needs every partner (the tie-outs, the incentive workbook) stays on the
 * manager. This class only wires: each step's work is a named class.
 */
@Configuration
public class MonthlyJobConfiguration {

    public static final String MONTHLY_JOB = "monthlyJob";
    public static final String COMPUTE_INCENTIVE_DETAILS_STEP = "computeIncentiveDetailsStep";
    public static final String WRITE_INCENTIVE_WORKBOOK_STEP = "writeIncentiveWorkbookStep";
    public static final String GENERATE_STATEMENTS_STEP = "generateStatementsStep";
    public static final String WRITE_STATEMENT_WORKBOOKS_STEP = "writeStatementWorkbooksStep";
    /** The worker steps of the partitioned ones: each bean is named as its step, so that a worker process finds it. */
    public static final String INCENTIVE_DETAILS_PARTITION_STEP = "incentiveDetailsPartitionStep";
    public static final String STATEMENTS_PARTITION_STEP = "statementsPartitionStep";
    public static final String STATEMENT_WORKBOOKS_PARTITION_STEP = "statementWorkbooksPartitionStep";
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

    /**
     * The details of the period and of the earlier periods it recomputes, one partition per period and partner range,
     * each in a transaction of its own; then, on the manager, the run's problems and the tie-outs.
     */
    @Bean
    Step computeIncentiveDetailsStep(Partitioning partitioning, Step incentiveDetailsPartitionStep, MonthlyPlans plans,
            JdbcTemplate jdbc, ControlTotals controls, PlannerStatistics statistics, TieOutRecords tieOutRecords) {
        return partitioning.partitioned(COMPUTE_INCENTIVE_DETAILS_STEP, incentiveDetailsPartitionStep,
                plans.details(),
                new IncentiveDetailsTieOut(jdbc, controls, statistics, tieOutRecords, verifiedTies));
    }

    @Bean
    Step incentiveDetailsPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            MonthlySettlement settlement) {
        return new StepBuilder(INCENTIVE_DETAILS_PARTITION_STEP, jobRepository)
                .tasklet(new IncentiveDetailsPartition(settlement), transactionManager)
                .build();
    }

    /** The period's statements, one partition per partner range; then, on the manager, their tie-out. */
    @Bean
    Step generateStatementsStep(Partitioning partitioning, Step statementsPartitionStep, MonthlyPlans plans,
            MonthlySettlement settlement, JdbcTemplate jdbc) {
        return partitioning.partitioned(GENERATE_STATEMENTS_STEP, statementsPartitionStep,
                plans.statements(), new StatementsTieOut(jdbc, settlement));
    }

    @Bean
    Step statementsPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            MonthlySettlement settlement) {
        return new StepBuilder(STATEMENTS_PARTITION_STEP, jobRepository)
                .tasklet(new StatementsPartition(settlement), transactionManager)
                .build();
    }

    /**
     * The period's statement workbooks, one partition per partner range; then, on the manager, every other document
     * the run changed (performance workbooks, invoice lists).
     */
    @Bean
    Step writeStatementWorkbooksStep(Partitioning partitioning, Step statementWorkbooksPartitionStep, MonthlyPlans plans,
            LedgerDocuments documents, EngineSettings settings) {
        return partitioning.partitioned(WRITE_STATEMENT_WORKBOOKS_STEP, statementWorkbooksPartitionStep,
                plans.statements(),
                (manager, partitions) -> documents.publish(settings.workspaceFolders().out()));
    }

    @Bean
    Step statementWorkbooksPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            StatementWorkbook workbook, EngineSettings settings) {
        return new StepBuilder(STATEMENT_WORKBOOKS_PARTITION_STEP, jobRepository)
                .tasklet(new StatementWorkbooksPartition(workbook, settings.workspaceFolders().out()), transactionManager)
                .build();
    }

    @Bean
    Step writeIncentiveWorkbookStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            IncentiveWorkbook workbook, EngineSettings settings) {
        return new StepBuilder(WRITE_INCENTIVE_WORKBOOK_STEP, jobRepository)
                .tasklet(new IncentiveWorkbooksStep(workbook, settings.workspaceFolders().out(), verifiedTies),
                        transactionManager)
                .build();
    }
}
