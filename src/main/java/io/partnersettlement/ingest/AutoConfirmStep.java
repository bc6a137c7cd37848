package io.partnersettlement.ingest;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.documents.LedgerDocuments;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.statement.StatementLifecycle;

/**
 * Statements left pending past the confirmation deadline, counted from the run's business date, are confirmed; then
 * the documents those confirmations changed (statements, their periods' performance, invoice lists) are rewritten.
 */
class AutoConfirmStep implements Tasklet {

    private final StatementLifecycle lifecycle;
    private final LedgerDocuments documents;
    private final int confirmationDays;
    private final Path out;

    AutoConfirmStep(StatementLifecycle lifecycle, LedgerDocuments documents, int confirmationDays, Path out) {
        this.lifecycle = lifecycle;
        this.documents = documents;
        this.confirmationDays = confirmationDays;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        LocalDate businessDate = context.getStepContext().getStepExecution().getJobExecution().getJobParameters()
                .getLocalDate(JobRuns.BUSINESS_DATE);
        lifecycle.autoConfirm(businessDate, confirmationDays);
        documents.publish(out);
        return RepeatStatus.FINISHED;
    }
}
