package io.partnersettlement.partition;

import org.springframework.batch.core.step.StepExecution;

/** Plans a partitioned step's partitions when the manager step starts (not again on restart: the plan is kept). */
@FunctionalInterface
public interface PartitionPlanner {

    PartitionPlan plan(StepExecution manager);
}
