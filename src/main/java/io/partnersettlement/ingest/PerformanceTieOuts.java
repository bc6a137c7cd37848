package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.partition.ManagerWork;
import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.performance.PerformanceRefreshPartition;
import io.partnersettlement.performance.RecordsByFile;
import io.partnersettlement.performance.RefreshStates;
import io.partnersettlement.run.ControlTotals;

/**
 * The refresh step's manager, once every partition has completed (a period's first partner range reports the period's
 * records): the control totals of the run's files and
 * periods, which need every period's records; each period's records per file are handed to the workbook step through
 * the job's context (and kept there for a restart of that step). Then each period's refresh state: what its partitions
 * left the aggregates a rebuild over, for the next night to add to — or none, and the next night rebuilds it whole.
 */
class PerformanceTieOuts implements ManagerWork {

    static final String RECORDS_BY_FILE = "recordsByFile.";

    private final ControlTotals controls;
    private final RefreshStates states;

    PerformanceTieOuts(ControlTotals controls, RefreshStates states) {
        this.controls = controls;
        this.states = states;
    }

    @Override
    public void afterPartitions(StepExecution manager, List<StepExecution> partitions) {
        var job = manager.getJobExecution();
        List<ControlTotals.Check> checks = new ArrayList<>();
        Map<Long, Long> summedByFile = new HashMap<>();
        Map<String, List<ExecutionContext>> byPeriod = new LinkedHashMap<>();
        for (StepExecution partition : partitions) {
            String period = partition.getExecutionContext().getString(PartitionPlan.PERIOD);
            byPeriod.computeIfAbsent(period, p -> new ArrayList<>()).add(partition.getExecutionContext());
            if (!partition.getExecutionContext().containsKey(PerformanceRefreshPartition.RECORDS_BY_FILE)) {
                continue; // a range of partners after its period's first: the first read the period's records
            }
            String records = partition.getExecutionContext().getString(PerformanceRefreshPartition.RECORDS_BY_FILE);
            Map<Long, Long> summed = RecordsByFile.parse(records);
            summed.forEach((file, count) -> summedByFile.merge(file, count, Long::sum));
            job.getExecutionContext().putString(RECORDS_BY_FILE + period, records);
            checks.add(controls.classification(period, summed.values().stream().mapToLong(Long::longValue).sum()));
        }
        checks.addAll(0, controls.ingest(job.getJobInstance().getInstanceId(), summedByFile));
        if (!checks.stream().allMatch(ControlTotals.Check::holds)) {
            // aggregates that do not tie out are never added to: the period's next refresh (a rerun) rebuilds it
            byPeriod.keySet().forEach(states::forget);
        }
        ControlTotals.require(checks);
        byPeriod.forEach(states::record);
        CrashPoints.reach("performance.states.saved");
    }
}
