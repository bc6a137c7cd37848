package io.partnersettlement.incentive;

import java.nio.file.Path;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.statement.StatementWorkbook;

/** The worker step of the statement workbooks: those of the period's statements of the partners in one range. */
public class StatementWorkbooksPartition implements Tasklet {

    private final StatementWorkbook workbook;
    private final Path out;

    public StatementWorkbooksPartition(StatementWorkbook workbook, Path out) {
        this.workbook = workbook;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        workbook.writePeriod(context.getString(PartitionPlan.PERIOD),
                PartnerRange.parse(context.getString(PartitionPlan.PARTNERS)), out);
        return RepeatStatus.FINISHED;
    }
}
