package io.partnersettlement.ingest;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.reference.ReferenceDataStore;

/** The nightly job's first step: the workspace's reference files read into the ledger, checked as a whole. */
class ReferenceDataStep implements Tasklet {

    private final ReferenceDataStore referenceData;

    ReferenceDataStep(ReferenceDataStore referenceData) {
        this.referenceData = referenceData;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        referenceData.refresh();
        CrashPoints.reach("reference.loaded");
        return RepeatStatus.FINISHED;
    }
}
