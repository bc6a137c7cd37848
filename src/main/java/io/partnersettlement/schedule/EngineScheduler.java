package io.partnersettlement.schedule;

import java.util.List;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Runs the job catalog's schedules with Quartz, whose triggers live in the engine's database (never dropped on
 * restart; clustered, so several scheduler nodes share them and one fires). Misfire policy: a firing missed while the
 * scheduler was down fires once when it comes back ({@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}), and that firing
 * catches up every missed business date in order ({@link CatchUp}).
 */
@Component
public class EngineScheduler {

    private static final Logger log = LoggerFactory.getLogger(EngineScheduler.class);
    static final String GROUP = "settlement";

    private final Scheduler scheduler;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public EngineScheduler(Scheduler scheduler, JobOperator jobOperator, JobRepository jobRepository) {
        this.scheduler = scheduler;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    public void start(List<JobCatalog.Entry> catalog) throws SchedulerException {
        for (JobCatalog.Entry entry : catalog) {
            JobDetail detail = JobBuilder.newJob(ScheduledRun.class)
                    .withIdentity(JobKey.jobKey(entry.name(), GROUP))
                    .usingJobData(ScheduledRun.JOB, entry.job())
                    .usingJobData(ScheduledRun.LAG, entry.dataLagDays())
                    .storeDurably()
                    // a firing whose node died is fired again by another node of the cluster
                    .requestRecovery(true)
                    .build();
            TriggerKey key = TriggerKey.triggerKey(entry.name(), GROUP);
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(key)
                    .forJob(detail)
                    .withSchedule(CronScheduleBuilder.cronSchedule(entry.schedule()).withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.addJob(detail, true);
            Trigger existing = scheduler.getTrigger(key);
            if (existing == null) {
                scheduler.scheduleJob(trigger);
            } else if (!(existing instanceof CronTrigger cron) || !cron.getCronExpression().equals(entry.schedule())) {
                scheduler.rescheduleJob(key, trigger);
            }
            // an unchanged trigger is kept as stored: its next fire time tells what was missed while the scheduler was down
            log.info("scheduled {} ({}): cron '{}', next fire {}", entry.name(), entry.job(), entry.schedule(),
                    scheduler.getTrigger(key).getNextFireTime());
        }
        // triggers left paused by an earlier pause() fire again
        scheduler.resumeAll();
        scheduler.start();
    }

    /** No new firings; a firing under way runs to its end. {@link #start} resumes the triggers. */
    public void pause() {
        try {
            scheduler.pauseAll();
        } catch (SchedulerException e) {
            log.warn("scheduler standby: {}", e.getMessage());
        }
    }

    /** True while a scheduled firing is running. */
    public boolean busy() {
        try {
            return !scheduler.getCurrentlyExecutingJobs().isEmpty();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Clean shutdown: running job executions stop after their current chunk (restartable), then Quartz stops. */
    public void stop() {
        for (String job : ScheduledRun.jobs()) {
            for (JobExecution running : jobRepository.findRunningJobExecutions(job)) {
                try {
                    log.info("stopping {} (execution {}) after its current chunk", job, running.getId());
                    jobOperator.stop(running);
                } catch (Exception e) {
                    log.warn("could not stop execution {}: {}", running.getId(), e.getMessage());
                }
            }
        }
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("scheduler shutdown: {}", e.getMessage());
        }
    }
}
