package io.partnersettlement.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts and restarts job executions. A job instance is identified by its business parameters (the business date of
 * a nightly run, with a run number because the inbox may be ingested more than once a day).
 */
@Component
public class JobRuns {

    public static final String BUSINESS_DATE = "businessDate";
    public static final String RUN = "run";

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final List<Job> jobs;
    private final JdbcClient jdbc;
    private final RunOwner owners;
    private final JobLock lock;

    public JobRuns(JobOperator jobOperator, JobRepository jobRepository, List<Job> jobs, JdbcClient jdbc, RunOwner owners,
            JobLock lock) {
        this.lock = lock;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.owners = owners;
    }

    private record ExecutionRow(long executionId, String status, long run) {
    }

    public static final String PERIOD = "period";
    /** Set on a deliberate rerun: the nightly run refreshes every period its business date's runs touched. */
    public static final String RERUN = "rerun";

    /** Starts a new nightly run for the business date, refusing while another run is live or the last one failed. */
    public JobExecution startNightly(String jobName, LocalDate businessDate) {
        return start(jobName, BUSINESS_DATE, businessDate.toString(), businessDate, null, false);
    }

    /** A deliberate rerun of a business date: ingests what the inbox holds and refreshes every period of that date. */
    public JobExecution rerunNightly(String jobName, LocalDate businessDate) {
        return start(jobName, BUSINESS_DATE, businessDate.toString(), businessDate, null, true);
    }

    /** Starts a new monthly run for the period, refusing while another run is live or the period's last one failed. */
    public JobExecution startMonthly(String jobName, String period, LocalDate businessDate) {
        return start(jobName, PERIOD, period, businessDate, period, false);
    }

    private JobExecution start(String jobName, String keyName, String keyValue, LocalDate businessDate, String period,
            boolean rerun) {
        lock.acquire(jobName);
        try {
            return startLocked(jobName, keyName, keyValue, businessDate, period, rerun);
        } finally {
            lock.release(jobName);
        }
    }

    private JobExecution startLocked(String jobName, String keyName, String keyValue, LocalDate businessDate,
            String period, boolean rerun) {
        refuseWhileRunning(jobName);
        Optional<ExecutionRow> last = jdbc.sql("""
                SELECT e.JOB_EXECUTION_ID, e.STATUS, CAST(r.PARAMETER_VALUE AS BIGINT) AS run
                  FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                  JOIN BATCH_JOB_EXECUTION_PARAMS d ON d.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                       AND d.PARAMETER_NAME = :key AND d.PARAMETER_VALUE = :value
                  JOIN BATCH_JOB_EXECUTION_PARAMS r ON r.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND r.PARAMETER_NAME = 'run'
                 WHERE i.JOB_NAME = :job
                 ORDER BY e.JOB_EXECUTION_ID DESC""")
                .param("key", keyName)
                .param("value", keyValue)
                .param("job", jobName)
                .query((rs, n) -> new ExecutionRow(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .list().stream().findFirst();
        if (last.isPresent() && !BatchStatus.COMPLETED.name().equals(last.get().status())
                && !BatchStatus.ABANDONED.name().equals(last.get().status())) {
            throw new EngineException("the " + jobName + " run for " + keyValue + " (execution "
                    + last.get().executionId() + ") ended " + last.get().status()
                    + ": resume it with ./run.sh restart --execution " + last.get().executionId());
        }
        long run = last.map(r -> r.run() + 1).orElse(1L);
        JobParametersBuilder builder = new JobParametersBuilder().addLocalDate(BUSINESS_DATE, businessDate);
        if (period != null) {
            builder.addString(PERIOD, period);
        }
        if (rerun) {
            builder.addString(RERUN, "true", false);
        }
        JobParameters parameters = builder.addLong(RUN, run).toJobParameters();
        try {
            return jobOperator.start(job(jobName), parameters);
        } catch (Exception e) {
            throw new EngineException("cannot start " + jobName + ": " + e.getMessage());
        }
    }

    /** The latest execution that did not complete (failed, stopped, or left running by a process that died). */
    public java.util.Optional<Long> latestUnfinished() {
        return jdbc.sql("""
                SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED' AND STATUS <> 'ABANDONED'""")
                .query(Long.class).optional();
    }

    /** Resumes a failed, stopped or dead execution where it stopped (the latest such one when no id is given). */
    public JobExecution restart(Long executionId) {
        long id = executionId != null ? executionId : latestUnfinished()
                .orElseThrow(() -> new EngineException("nothing to restart: every run completed"));
        JobExecution execution = jobRepository.getJobExecution(id);
        if (execution == null) {
            throw new EngineException("no run with execution id " + id);
        }
        String jobName = execution.getJobInstance().getJobName();
        lock.acquire(jobName);
        try {
            return restartLocked(execution, id);
        } finally {
            lock.release(jobName);
        }
    }

    private JobExecution restartLocked(JobExecution execution, long id) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new EngineException("execution " + id + " completed: nothing to restart");
        }
        if (execution.isRunning()) {
            if (!owners.ownerIsGone(id)) {
                throw new EngineException("execution " + id + " is still running");
            }
            // the process running it died (killed, power loss): mark it failed so it can be resumed
            execution = jobOperator.recover(execution);
        }
        try {
            return jobOperator.restart(execution);
        } catch (Exception e) {
            throw new EngineException("cannot restart execution " + id + ": " + e.getMessage());
        }
    }

    private void refuseWhileRunning(String jobName) {
        for (JobExecution running : jobRepository.findRunningJobExecutions(jobName)) {
            if (owners.ownerIsGone(running.getId())) {
                throw new EngineException("the " + jobName + " run (execution " + running.getId() + ") died while "
                        + "running: resume it with ./run.sh restart --execution " + running.getId());
            }
            throw new EngineException("the " + jobName + " run (execution " + running.getId() + ") is running now; "
                    + "two runs of one job never execute together");
        }
    }

    private Job job(String name) {
        return jobs.stream().filter(j -> j.getName().equals(name)).findFirst()
                .orElseThrow(() -> new EngineException("no job named " + name));
    }
}
