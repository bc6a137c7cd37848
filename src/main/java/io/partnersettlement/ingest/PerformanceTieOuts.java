package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.step.StepExecution;

import io.partnersettlement.partition.ManagerWork;
import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.performance.PerformanceRefreshPartition;
import io.partnersettlement.performance.RecordsByFile;
import io.partnersettlement.run.ControlTotals;

/**
 * The refresh step's manager, once every partition has completed (a period's first partner range reports the period's
 * records): the control totals of the run's files and
 * periods, which need every period's records; each period's records per file are handed to the workbook step through
 * the job's context (and kept there for a restart of that step).
 */
class PerformanceTieOuts implements ManagerWork {

    static final String RECORDS_BY_FILE = "recordsByFile.";

    private final ControlTotals controls;

    PerformanceTieOuts(ControlTotals controls) {
        this.controls = controls;
    }

    @Override
    public void afterPartitions(StepExecution manager, List<StepExecution> partitions) {
        var job = manager.getJobExecution();
        List<ControlTotals.Check> checks = new ArrayList<>();
        Map<Long, Long> summedByFile = new HashMap<>();
        for (StepExecution partition : partitions) {
            if (!partition.getExecutionContext().containsKey(PerformanceRefreshPartition.RECORDS_BY_FILE)) {
                continue; // a range of partners after its period's first: the first read the period's records
            }
            String period = partition.getExecutionContext().getString(PartitionPlan.PERIOD);
            String records = partition.getExecutionContext().getString(PerformanceRefreshPartition.RECORDS_BY_FILE);
            Map<Long, Long> summed = RecordsByFile.parse(records);
            summed.forEach((file, count) -> summedByFile.merge(file, count, Long::sum));
            job.getExecutionContext().putString(RECORDS_BY_FILE + period, records);
            checks.add(controls.classification(period, summed.values().stream().mapToLong(Long::longValue).sum()));
        }
        checks.addAll(0, controls.ingest(job.getJobInstance().getInstanceId(), summedByFile));
        ControlTotals.require(checks);
    }
}
