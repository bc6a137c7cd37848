package io.partnersettlement.incentive;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.run.JobRuns;

/**
 * The worker step of the monthly job's detail computation: the details of one period's partners in one range, in the
 * step's transaction. What it did is kept in its execution context for the manager: the ledger rows it wrote and the
 * orders whose milestones could not be applied.
 */
public class IncentiveDetailsPartition implements Tasklet {

    static final String WRITTEN = "written";
    static final String PROBLEMS = "problems";

    private final MonthlySettlement settlement;

    public IncentiveDetailsPartition(MonthlySettlement settlement) {
        this.settlement = settlement;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        var context = step.getExecutionContext();
        IncentiveDetailCalculator.Result result = settlement.computePartition(context.getString(PartitionPlan.PERIOD),
                step.getJobExecution().getJobParameters().getLocalDate(JobRuns.BUSINESS_DATE),
                PartnerRange.parse(context.getString(PartitionPlan.PARTNERS)));
        contribution.incrementWriteCount(result.details() + result.children());
        context.putLong(WRITTEN, result.written());
        context.putString(PROBLEMS, String.join("\n", result.problems()));
        return RepeatStatus.FINISHED;
    }
}
