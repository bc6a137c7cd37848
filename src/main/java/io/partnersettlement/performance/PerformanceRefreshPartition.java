package io.partnersettlement.performance;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.PartnerRange;
import java.util.Map;

/**
 * The worker step of the performance refresh: one period's aggregates of a range of partners, rebuilt in the step's
 * transaction. A period's outcomes include its unattributed and excluded records (no partner's): the period's first
 * range (open below) rebuilds them, and keeps the records it read per file for the manager's control totals.
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
        PartnerRange partners = PartnerRange.parse(context.getString(PartitionPlan.PARTNERS));
        // the range open below, the first of its period's split, also rebuilds what belongs to no partner
        boolean periodWide = partners.from() == null;
        Map<Long, Long> records = refresh.refresh(context.getString(PartitionPlan.PERIOD), partners, periodWide);
        if (periodWide) {
            context.putString(RECORDS_BY_FILE, RecordsByFile.format(records));
        }
        return RepeatStatus.FINISHED;
    }
}
