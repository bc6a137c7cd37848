package io.partnersettlement.ingest;

import java.nio.file.Path;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.performance.PerformanceRefresh;
import io.partnersettlement.performance.PerformanceWorkbook;
import io.partnersettlement.performance.RecordsByFile;

/**
 * The performance workbooks of the periods the run refreshed, each with the records per file its refresh summed (kept
 * in the job's context by the refresh step's manager, so that a restart of this step writes the same tie-out).
 */
class PerformanceWorkbooksStep implements Tasklet {

    private final PerformanceRefresh refresh;
    private final PerformanceWorkbook workbook;
    private final Path out;

    PerformanceWorkbooksStep(PerformanceRefresh refresh, PerformanceWorkbook workbook, Path out) {
        this.refresh = refresh;
        this.workbook = workbook;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        var job = context.getStepContext().getStepExecution().getJobExecution();
        for (String period : RefreshedPeriods.of(job, refresh)) {
            String key = PerformanceTieOuts.RECORDS_BY_FILE + period;
            workbook.write(period, out, job.getExecutionContext().containsKey(key)
                    ? RecordsByFile.parse(job.getExecutionContext().getString(key)) : null);
        }
        return RepeatStatus.FINISHED;
    }
}
