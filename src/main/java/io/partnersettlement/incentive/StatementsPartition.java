package io.partnersettlement.incentive;

import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.run.JobRuns;

/**
 * The worker step of statement generation: the period's statements of the partners in one range, in the step's
 * transaction; the partners that failed (a missing exchange rate, say) are kept for the manager.
 */
public class StatementsPartition implements Tasklet {

    static final String PROBLEMS = "problems";

    private final MonthlySettlement settlement;

    public StatementsPartition(MonthlySettlement settlement) {
        this.settlement = settlement;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        var context = step.getExecutionContext();
        List<String> problems = settlement.generateStatements(context.getString(PartitionPlan.PERIOD),
                step.getJobExecution().getJobParameters().getLocalDate(JobRuns.BUSINESS_DATE),
                PartnerRange.parse(context.getString(PartitionPlan.PARTNERS)));
        context.putString(PROBLEMS, String.join("\n", problems));
        return RepeatStatus.FINISHED;
    }
}
