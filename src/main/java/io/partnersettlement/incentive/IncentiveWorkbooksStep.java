package io.partnersettlement.incentive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.run.JobRuns;

/**
 * The incentive workbooks of the periods whose details the run computed and changed: on the manager, since each shows
 * every partner of its period.
 */
class IncentiveWorkbooksStep implements Tasklet {

    private final IncentiveWorkbook workbook;
    private final Path out;
    private final Map<String, List<ControlTotals.Tie>> verifiedTies;

    IncentiveWorkbooksStep(IncentiveWorkbook workbook, Path out, Map<String, List<ControlTotals.Tie>> verifiedTies) {
        this.workbook = workbook;
        this.out = out;
        this.verifiedTies = verifiedTies;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        var job = context.getStepContext().getStepExecution().getJobExecution();
        String periods = job.getExecutionContext().containsKey(MonthlyJobConfiguration.PERIODS_KEY)
                ? job.getExecutionContext().getString(MonthlyJobConfiguration.PERIODS_KEY)
                : job.getJobParameters().getString(JobRuns.PERIOD);
        for (String period : periods.split(",")) {
            // a restarted run reads the ties again: the ledger may have changed since they were verified
            List<ControlTotals.Tie> ties = verifiedTies.remove(job.getId() + "/" + period);
            workbook.write(period, out, ties);
        }
        return RepeatStatus.FINISHED;
    }
}
