package io.partnersettlement.incentive;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.PartitionPlanner;
import io.partnersettlement.partition.Partitioning;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.PlannerStatistics;

/**
 * The partition plans of the monthly job's partitioned steps: periods × partner ranges, every partner there is split
 * into the configured number of ranges ({@link PartnerRange}, decided in Java, not by the database's collation).
 */
@Component
class MonthlyPlans {

    private final JdbcTemplate jdbc;
    private final Partitioning partitioning;
    private final MonthlySettlement settlement;
    private final PlannerStatistics statistics;

    MonthlyPlans(JdbcTemplate jdbc, Partitioning partitioning, MonthlySettlement settlement, PlannerStatistics statistics) {
        this.jdbc = jdbc;
        this.partitioning = partitioning;
        this.settlement = settlement;
        this.statistics = statistics;
    }

    /** The detail computation: the run's period and the earlier periods it recomputes, each by partner range. */
    PartitionPlanner details() {
        return manager -> {
            // the consumption is read a page at a time: planned for the rows the nightly runs just added
            statistics.update("consumption_fact");
            String period = manager.getJobExecution().getJobParameters().getString(JobRuns.PERIOD);
            return PartitionPlan.byPeriodAndPartners(settlement.periodsComputed(period), partnerRanges());
        };
    }

    /** The statements and their workbooks: the run's period by partner range. */
    PartitionPlanner statements() {
        return manager -> PartitionPlan.byPeriodAndPartners(
                List.of(manager.getJobExecution().getJobParameters().getString(JobRuns.PERIOD)), partnerRanges());
    }

    private List<PartnerRange> partnerRanges() {
        return PartnerRange.split(jdbc.queryForList("SELECT partner_id FROM partner", String.class),
                partitioning.settings().partnerRanges());
    }
}
