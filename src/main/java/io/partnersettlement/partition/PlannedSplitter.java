package io.partnersettlement.partition;

import java.util.Set;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Splits a manager step into the partitions of its plan: planned when the step first runs and kept in the job's
 * execution context, read back on a restart. Partitions that completed in an earlier attempt are not run again
 * (Spring Batch's own {@link SimpleStepExecutionSplitter} decides that, by partition name).
 */
final class PlannedSplitter implements StepExecutionSplitter {

    private final JobRepository jobRepository;
    private final String workerStepName;
    private final PartitionPlanner planner;

    PlannedSplitter(JobRepository jobRepository, String workerStepName, PartitionPlanner planner) {
        this.jobRepository = jobRepository;
        this.workerStepName = workerStepName;
        this.planner = planner;
    }

    static String planKey(String managerStepName) {
        return "partitions." + managerStepName;
    }

    /** The plan a manager step runs: the one the run kept, or a new one, kept in the job's execution context. */
    static PartitionPlan plan(JobRepository jobRepository, StepExecution manager, PartitionPlanner planner) {
        var job = manager.getJobExecution();
        String key = planKey(manager.getStepName());
        if (job.getExecutionContext().containsKey(key)) {
            return PartitionPlan.parse(job.getExecutionContext().getString(key));
        }
        PartitionPlan plan = planner.plan(manager);
        job.getExecutionContext().putString(key, plan.text());
        jobRepository.updateExecutionContext(job);
        return plan;
    }

    @Override
    public String getStepName() {
        return workerStepName;
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
        PartitionPlan plan = plan(jobRepository, manager, planner);
        SimpleStepExecutionSplitter splitter = new SimpleStepExecutionSplitter(jobRepository, workerStepName,
                grid -> plan.contexts());
        splitter.setAllowStartIfComplete(false);
        return splitter.split(manager, gridSize);
    }
}
