package io.partnersettlement.incentive;

import java.time.LocalDate;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.RunOwner;
import io.partnersettlement.workspace.EngineSettings;

/**
 * The monthly job of a period: reference data, incentive details with their freezes and milestone splits, and the
 * incentives workbook. Identified by its period, business date and run number.
 */
@Configuration
public class MonthlyJobConfiguration {

    public static final String MONTHLY_JOB = "monthlyJob";
    public static final String COMPUTE_INCENTIVE_DETAILS_STEP = "computeIncentiveDetailsStep";
    public static final String WRITE_INCENTIVE_WORKBOOK_STEP = "writeIncentiveWorkbookStep";

    @Bean
    Job monthlyJob(JobRepository jobRepository, Step loadReferenceDataStep, Step computeIncentiveDetailsStep,
            Step writeIncentiveWorkbookStep, RunOwner runOwner) {
        return new JobBuilder(MONTHLY_JOB, jobRepository)
                .listener(runOwner)
                .start(loadReferenceDataStep)
                .next(computeIncentiveDetailsStep)
                .next(writeIncentiveWorkbookStep)
                .build();
    }

    @Bean
    Step computeIncentiveDetailsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            IncentiveDetailCalculator calculator, JdbcTemplate jdbc) {
        return new StepBuilder(COMPUTE_INCENTIVE_DETAILS_STEP, jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution step = context.getStepContext().getStepExecution();
                    var parameters = step.getJobExecution().getJobParameters();
                    String period = parameters.getString(JobRuns.PERIOD);
                    LocalDate businessDate = parameters.getLocalDate(JobRuns.BUSINESS_DATE);
                    var result = calculator.compute(period, businessDate);
                    long execution = step.getJobExecution().getId();
                    jdbc.update("DELETE FROM run_problem WHERE job_execution_id = ?", execution);
                    for (String problem : result.problems()) {
                        jdbc.update("INSERT INTO run_problem (job_execution_id, subject, message) VALUES (?, ?, ?)",
                                execution, problem.substring(0, problem.indexOf(':')), problem);
                    }
                    contribution.incrementWriteCount(result.details() + result.children());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step writeIncentiveWorkbookStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            IncentiveWorkbook workbook, EngineSettings settings) {
        return new StepBuilder(WRITE_INCENTIVE_WORKBOOK_STEP, jobRepository)
                .tasklet((contribution, context) -> {
                    String period = context.getStepContext().getStepExecution().getJobExecution().getJobParameters()
                            .getString(JobRuns.PERIOD);
                    workbook.write(period, settings.workspaceFolders().out());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
