package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.performance.PerformanceRefresh;
import io.partnersettlement.performance.RefreshMode;
import io.partnersettlement.run.JobRuns;

/**
 * The periods a nightly run refreshes: those its files touched; for a rerun (job parameter {@code rerun}), those every
 * run of its business date touched, each rebuilt whole. Each is refreshed a range of partners a partition.
 */
final class RefreshedPeriods {

    private RefreshedPeriods() {
    }

    static List<String> of(JobExecution job, PerformanceRefresh refresh) {
        long instance = job.getJobInstance().getInstanceId();
        var parameters = job.getJobParameters();
        if (rerun(job)) {
            TreeSet<String> periods = new TreeSet<>(
                    refresh.periodsTouchedOn(parameters.getLocalDate(JobRuns.BUSINESS_DATE)));
            periods.addAll(refresh.periodsTouchedBy(instance));
            return new ArrayList<>(periods);
        }
        return refresh.periodsTouchedBy(instance);
    }

    private static boolean rerun(JobExecution job) {
        return "true".equals(job.getJobParameters().getString(JobRuns.RERUN));
    }

    /**
     * The refresh's partitions: per period refreshed, the partners split into {@code ranges} ranges, each with how its
     * period is refreshed (whole, or the night's rows added: decided here, so that a restart refreshes as planned).
     */
    static PartitionPlan plan(JobExecution job, PerformanceRefresh refresh, JdbcTemplate jdbc, int ranges) {
        List<String> periods = of(job, refresh);
        Map<String, RefreshMode> modes = refresh.modes(periods, job.getJobInstance().getInstanceId(), rerun(job));
        return PartitionPlan.byPeriodAndPartners(periods,
                PartnerRange.split(jdbc.queryForList("SELECT partner_id FROM partner", String.class), ranges),
                period -> Map.of(RefreshMode.KEY, modes.get(period).text()));
    }
}
