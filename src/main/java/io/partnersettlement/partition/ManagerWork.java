package io.partnersettlement.partition;

import java.util.List;

import org.springframework.batch.core.step.StepExecution;

/**
 * What the manager of a partitioned step does once every partition has completed: what must see everything (control
 * totals, the periods to write workbooks of). It gets the last execution of every partition of the plan, those that
 * completed in an earlier attempt of the run included, in the plan's order.
 */
@FunctionalInterface
public interface ManagerWork {

    void afterPartitions(StepExecution manager, List<StepExecution> partitions) throws Exception;

    ManagerWork NOTHING = (manager, partitions) -> {
    };
}
