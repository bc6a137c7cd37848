package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;

import io.partnersettlement.performance.PerformanceRefresh;
import io.partnersettlement.run.JobRuns;

/**
 * The periods a nightly run refreshes: those its files touched; for a rerun (job parameter {@code rerun}), those every
 * run of its business date touched.
 */
final class RefreshedPeriods {

    private RefreshedPeriods() {
    }

    static List<String> of(JobExecution job, PerformanceRefresh refresh) {
        long instance = job.getJobInstance().getInstanceId();
        var parameters = job.getJobParameters();
        if ("true".equals(parameters.getString(JobRuns.RERUN))) {
            TreeSet<String> periods = new TreeSet<>(
                    refresh.periodsTouchedOn(parameters.getLocalDate(JobRuns.BUSINESS_DATE)));
            periods.addAll(refresh.periodsTouchedBy(instance));
            return new ArrayList<>(periods);
        }
        return refresh.periodsTouchedBy(instance);
    }
}
