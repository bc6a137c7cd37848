package io.partnersettlement.performance;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.PartnerRange;

/**
 * The worker step of the performance refresh: one period's aggregates of a range of partners, rebuilt (or, as
 * planned, the night's rows added) in the step's transaction. A period's outcomes include its unattributed and
 * excluded records (no partner's): the period's first range (open below) refreshes them, and keeps the records of the
 * period per file for the manager's control totals. Every range keeps the digest of the inputs it classified with and
 * the files its rows are now a rebuild over, for the period's refresh state.
 */
public class PerformanceRefreshPartition implements Tasklet, StepExecutionListener {

    public static final String RECORDS_BY_FILE = "recordsByFile";
    public static final String CLASSIFIER_DIGEST = "classifierDigest";
    public static final String FILES = "files";

    private final PerformanceRefresh refresh;

    public PerformanceRefreshPartition(PerformanceRefresh refresh) {
        this.refresh = refresh;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        var context = step.getExecutionContext();
        if (context.containsKey(FILES)) {
            // committed with its rows in an earlier attempt that died before the step was marked complete: adding the
            // night's rows again would count them twice
            return RepeatStatus.FINISHED;
        }
        PartnerRange partners = PartnerRange.parse(context.getString(PartitionPlan.PARTNERS));
        // the range open below, the first of its period's split, also refreshes what belongs to no partner
        boolean periodWide = partners.from() == null;
        RefreshMode mode = RefreshMode.parse(context.containsKey(RefreshMode.KEY) ? context.getString(RefreshMode.KEY)
                : null);
        PerformanceRefresh.Refreshed refreshed = refresh.refresh(context.getString(PartitionPlan.PERIOD), partners,
                periodWide, mode, step.getJobExecution().getJobInstance().getInstanceId());
        if (periodWide) {
            context.putString(RECORDS_BY_FILE, RecordsByFile.format(refreshed.recordsByFile()));
        }
        context.putLong(CLASSIFIER_DIGEST, refreshed.classifierDigest());
        context.putString(FILES, refreshed.files().text());
        return RepeatStatus.FINISHED;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            // the partition's transaction has committed; its step execution is not yet saved as complete
            CrashPoints.reach("performance.partition.committed");
        }
        return null;
    }
}
