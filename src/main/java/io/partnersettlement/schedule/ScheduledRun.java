package io.partnersettlement.schedule;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;

/**
 * A firing of a scheduled job. The nightly job runs for business date = fire date − data lag; the monthly job for the
 * month before the fire date. Missed dates (the scheduler was down) are caught up once each, in order.
 */
@DisallowConcurrentExecution
public class ScheduledRun implements Job {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRun.class);

    static final String JOB = "job";
    static final String LAG = "dataLagDays";

    private final JobRuns runs;
    private final JdbcTemplate jdbc;

    public ScheduledRun(JobRuns runs, JdbcTemplate jdbc) {
        this.runs = runs;
        this.jdbc = jdbc;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String job = context.getMergedJobDataMap().getString(JOB);
        int lag = context.getMergedJobDataMap().getInt(LAG);
        // a firing a dead node was running, fired again here by Quartz's cluster recovery: resume its run, never twice
        boolean recovering = context.isRecovering();
        LocalDate fireDate = LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), ZoneId.systemDefault());
        LocalDate businessDate = fireDate.minusDays(lag);
        LocalDate last = jdbc.query("SELECT last_business_date FROM schedule_state WHERE job_name = ?",
                rs -> rs.next() ? rs.getDate(1).toLocalDate() : null, job);
        if (NightlyJobConfiguration.NIGHTLY_JOB.equals(job)) {
            for (LocalDate date : CatchUp.businessDates(last, businessDate)) {
                if (!run(job, date, () -> recovering ? runs.startRecovered(job, date, null) : runs.startNightly(job, date))) {
                    return;
                }
            }
        } else if (MonthlyJobConfiguration.MONTHLY_JOB.equals(job)) {
            YearMonth lastPeriod = last == null ? null : YearMonth.from(last);
            for (YearMonth period : CatchUp.periods(lastPeriod, YearMonth.from(fireDate).minusMonths(1))) {
                if (!run(job, period.atEndOfMonth(), () -> recovering ? runs.startRecovered(job, businessDate, period.toString())
                        : runs.startMonthly(job, period.toString(), businessDate))) {
                    return;
                }
            }
        } else {
            log.error("the job catalog names an unknown job {}", job);
        }
    }

    /** Runs one date; records it as done, or logs why not and stops the catch-up there. */
    private boolean run(String job, LocalDate date, Supplier<JobExecution> start) {
        log.info("scheduled {} for {}", job, date);
        try {
            JobExecution execution = start.get();
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                log.error("scheduled {} for {} ended {}: restart it with ./run.sh restart --execution {}", job, date,
                        execution.getStatus(), execution.getId());
                return false;
            }
            jdbc.update("DELETE FROM schedule_state WHERE job_name = ?", job);
            jdbc.update("INSERT INTO schedule_state (job_name, last_business_date) VALUES (?, ?)", job, Date.valueOf(date));
            return true;
        } catch (RuntimeException e) {
            log.error("scheduled {} for {} did not run: {}", job, date, e.getMessage());
            return false;
        }
    }

    static List<String> jobs() {
        return List.of(NightlyJobConfiguration.NIGHTLY_JOB, MonthlyJobConfiguration.MONTHLY_JOB);
    }
}
