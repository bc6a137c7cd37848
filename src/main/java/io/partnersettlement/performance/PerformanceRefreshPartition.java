package io.partnersettlement.performance;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.partition.PartitionPlan;

/**
 * The worker step of the performance refresh: one period's aggregates, rebuilt in the step's transaction. A period's
 * aggregates include its unattributed and excluded records (no partner's), so a period is one partition; the records
 * it read per file are kept for the manager's control totals.
 */
public class PerformanceRefreshPartition implements Tasklet {

    public static final String RECORDS_BY_FILE = "recordsByFile";

    private final PerformanceRefresh refresh;

    public PerformanceRefreshPartition(PerformanceRefresh refresh) {
        this.refresh = refresh;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        context.putString(RECORDS_BY_FILE, RecordsByFile.format(refresh.refresh(context.getString(PartitionPlan.PERIOD))));
        return RepeatStatus.FINISHED;
    }
}
