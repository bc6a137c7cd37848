package io.partnersettlement.incentive;

import java.util.List;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.partition.ManagerWork;
import io.partnersettlement.run.JobRuns;

/**
 * The statement step's manager, once every partner range's statements are generated: the partitions' problems are
 * recorded as the run's, in the plan's order, and the period's statements are checked as a whole.
 */
class StatementsTieOut implements ManagerWork {

    private final JdbcTemplate jdbc;
    private final MonthlySettlement settlement;

    StatementsTieOut(JdbcTemplate jdbc, MonthlySettlement settlement) {
        this.jdbc = jdbc;
        this.settlement = settlement;
    }

    @Override
    public void afterPartitions(StepExecution manager, List<StepExecution> partitions) {
        var job = manager.getJobExecution();
        for (StepExecution partition : partitions) {
            for (String problem : partition.getExecutionContext().getString(StatementsPartition.PROBLEMS).split("\n")) {
                if (!problem.isEmpty()) {
                    jdbc.update("INSERT INTO run_problem (job_execution_id, subject, message) VALUES (?, ?, ?)",
                            job.getId(), problem.substring(0, problem.indexOf(':')), problem);
                }
            }
        }
        settlement.checkStatements(job.getJobParameters().getString(JobRuns.PERIOD));
    }
}
