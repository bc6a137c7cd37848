package io.partnersettlement.incentive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.partition.ManagerWork;
import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.performance.TieOutRecords;
import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.PlannerStatistics;

/**
 * The manager's part of the detail computation, once every partition has completed: the run's problems, the tie-out
 * of the period's performance with its details (which needs every partner's), and the periods whose incentive
 * workbooks the run writes.
 */
class IncentiveDetailsTieOut implements ManagerWork {

    private final JdbcTemplate jdbc;
    private final ControlTotals controls;
    private final PlannerStatistics statistics;
    private final TieOutRecords tieOutRecords;
    private final Map<String, List<ControlTotals.Tie>> verifiedTies;

    IncentiveDetailsTieOut(JdbcTemplate jdbc, ControlTotals controls, PlannerStatistics statistics,
            TieOutRecords tieOutRecords, Map<String, List<ControlTotals.Tie>> verifiedTies) {
        this.jdbc = jdbc;
        this.controls = controls;
        this.statistics = statistics;
        this.tieOutRecords = tieOutRecords;
        this.verifiedTies = verifiedTies;
    }

    @Override
    public void afterPartitions(StepExecution manager, List<StepExecution> partitions) {
        var job = manager.getJobExecution();
        String period = job.getJobParameters().getString(JobRuns.PERIOD);
        long execution = job.getId();
        jdbc.update("DELETE FROM run_problem WHERE job_execution_id = ?", execution);
        Map<String, Long> written = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (StepExecution partition : partitions) {
            var context = partition.getExecutionContext();
            String each = context.getString(PartitionPlan.PERIOD);
            written.merge(each, context.getLong(IncentiveDetailsPartition.WRITTEN), Long::sum);
            for (String problem : context.getString(IncentiveDetailsPartition.PROBLEMS).split("\n")) {
                if (!problem.isEmpty()) {
                    problems.add(each + " " + problem);
                }
            }
        }
        for (String problem : problems.stream().sorted().toList()) {
            String message = problem.substring(problem.indexOf(' ') + 1);
            jdbc.update("INSERT INTO run_problem (job_execution_id, subject, message) VALUES (?, ?, ?)",
                    execution, message.substring(0, message.indexOf(':')), problem);
        }
        // the ties, the statements and the workbooks read the details just written
        statistics.update("incentive_detail");
        // the period's performance ties out with its details, and its details with their freezes; the incentive
        // workbook shows these ties, read once here
        List<ControlTotals.Tie> ties = controls.detailTies(period);
        ControlTotals.require(tieOutRecords.checks(period, ties));
        verifiedTies.put(execution + "/" + period, ties);
        // the workbooks to write: this period's, and those of earlier periods whose details changed
        List<String> changed = new ArrayList<>();
        written.forEach((each, rows) -> {
            if (rows > 0 || each.equals(period)) {
                changed.add(each);
            }
        });
        job.getExecutionContext().putString(MonthlyJobConfiguration.PERIODS_KEY, String.join(",", changed));
    }
}
