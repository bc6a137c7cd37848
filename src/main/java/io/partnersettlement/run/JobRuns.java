package io.partnersettlement.run;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.EngineException;

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
    private final LedgerLock lock;
    private final List<AbandonedRunCleanup> cleanups;
    private final TransactionTemplate transaction;
    private final Duration lease;

    private final WorkerPartitions workerPartitions;

    public JobRuns(JobOperator jobOperator, JobRepository jobRepository, List<Job> jobs, JdbcClient jdbc, RunOwner owners,
            LedgerLock lock, List<AbandonedRunCleanup> cleanups, TransactionTemplate transaction,
            LedgerSettings settings, WorkerPartitions workerPartitions) {
        this.lease = settings.lease();
        this.workerPartitions = workerPartitions;
        this.lock = lock;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.owners = owners;
        this.cleanups = cleanups;
        this.transaction = transaction;
    }

    private record ExecutionRow(long executionId, String status, long run) {
    }

    public static final String PERIOD = "period";
    /** Set on a deliberate rerun: the nightly run refreshes every period its business date's runs touched. */
    public static final String RERUN = "rerun";

    /** Starts a new nightly run for the business date, refusing while another run is live or the last one failed. */
    public JobExecution startNightly(String jobName, LocalDate businessDate) {
        return start("nightly --date " + businessDate, jobName, BUSINESS_DATE, businessDate.toString(), businessDate,
                null, false);
    }

    /** A deliberate rerun of a business date: ingests what the inbox holds and refreshes every period of that date. */
    public JobExecution rerunNightly(String jobName, LocalDate businessDate) {
        return start("rerun nightly --date " + businessDate, jobName, BUSINESS_DATE, businessDate.toString(),
                businessDate, null, true);
    }

    /** Starts a new monthly run for the period, refusing while another run is live or the period's last one failed. */
    public JobExecution startMonthly(String jobName, String period, LocalDate businessDate) {
        return start("monthly --period " + period + " --date " + businessDate, jobName, PERIOD, period, businessDate,
                period, false);
    }

    private JobExecution start(String command, String jobName, String keyName, String keyValue, LocalDate businessDate,
            String period, boolean rerun) {
        return lock.holding(command, () -> startLocked(jobName, keyName, keyValue, businessDate, period, rerun));
    }

    /**
     * A scheduler's firing recovered from a node that died while it ran it: the business date's (or period's) run is
     * resumed where the dead node left it, and one that completed is not run again. Any other state starts as
     * {@link #startNightly} or {@link #startMonthly} would.
     */
    public JobExecution startRecovered(String jobName, LocalDate businessDate, String period) {
        String keyName = period == null ? BUSINESS_DATE : PERIOD;
        String keyValue = period == null ? businessDate.toString() : period;
        return lock.holding("scheduled " + jobName + " for " + keyValue + " (recovered from a dead node)", () -> {
            Optional<ExecutionRow> last = last(jobName, keyName, keyValue);
            if (last.isPresent() && BatchStatus.COMPLETED.name().equals(last.get().status())) {
                return jobRepository.getJobExecution(last.get().executionId());
            }
            if (last.isPresent() && !BatchStatus.ABANDONED.name().equals(last.get().status())
                    && !BatchStatus.FAILED.name().equals(last.get().status())
                    && owners.ownerIsGone(last.get().executionId())) {
                JobExecution execution = unfinished(last.get().executionId(), "restart");
                try {
                    return jobOperator.restart(execution);
                } catch (Exception e) {
                    throw new EngineException("cannot restart execution " + execution.getId() + ": " + e.getMessage());
                }
            }
            return startLocked(jobName, keyName, keyValue, businessDate, period, false);
        });
    }

    private JobExecution startLocked(String jobName, String keyName, String keyValue, LocalDate businessDate,
            String period, boolean rerun) {
        refuseWhileRunning(jobName);
        if (period != null) {
            refuseWhileNightlyUnfinished(jobName);
        }
        Optional<ExecutionRow> last = last(jobName, keyName, keyValue);
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

    /** The latest execution of the job for the business key, with its run number. */
    private Optional<ExecutionRow> last(String jobName, String keyName, String keyValue) {
        return jdbc.sql("""
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
    }

    /** The latest execution that did not complete (failed, stopped, or left running by a process that died). */
    public Optional<Long> latestUnfinished() {
        return jdbc.sql("""
                SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED' AND STATUS <> 'ABANDONED'""")
                .query(Long.class).optional();
    }

    /** Resumes a failed, stopped or dead execution where it stopped (the latest such one when no id is given). */
    public JobExecution restart(Long executionId) {
        return lock.holding("restart --execution " + (executionId == null ? "(latest)" : executionId), () -> {
            long id = executionId != null ? executionId : latestUnfinished()
                    .orElseThrow(() -> new EngineException("nothing to restart: every run completed"));
            JobExecution execution = unfinished(id, "restart");
            try {
                return jobOperator.restart(execution);
            } catch (Exception e) {
                throw new EngineException("cannot restart execution " + id + ": " + e.getMessage());
            }
        });
    }

    /**
     * Gives a failed, stopped or dead execution up for good: it is marked ABANDONED and what it did that no later run
     * would take over is undone (a nightly run's unsettled files: their records, rejected lines and file rows), so that
     * a new run counts nothing twice. Answers what was undone.
     */
    public String abandon(long executionId) {
        return lock.holding("abandon --execution " + executionId, () -> {
            JobExecution execution = unfinished(executionId, "abandon");
            String jobName = execution.getJobInstance().getJobName();
            long instance = execution.getJobInstance().getInstanceId();
            return transaction.execute(tx -> {
                String undone = cleanups.stream().filter(c -> c.jobName().equals(jobName))
                        .map(c -> c.undo(instance)).reduce((a, b) -> a + "; " + b).orElse("nothing to undo");
                int marked = jdbc.sql("""
                        UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED', EXIT_CODE = 'ABANDONED',
                               VERSION = VERSION + 1
                         WHERE JOB_EXECUTION_ID = :id AND STATUS IN ('FAILED', 'STOPPED')""")
                        .param("id", executionId).update();
                if (marked != 1) {
                    throw new EngineException("execution " + executionId + " changed while it was being abandoned: "
                            + "nothing was abandoned");
                }
                return undone;
            });
        });
    }

    /**
     * The execution, ready to be restarted or abandoned: not completed, and not running on a node whose lease is
     * live; one left running (or UNKNOWN) by a dead node is marked FAILED first, with its steps.
     */
    /** The execution of that id, or {@code null}: the JDBC repository answers an unknown id with an exception. */
    private JobExecution knownExecution(long id) {
        try {
            return jobRepository.getJobExecution(id);
        } catch (EmptyResultDataAccessException unknown) {
            return null;
        }
    }

    private JobExecution unfinished(long id, String action) {
        JobExecution execution = knownExecution(id);
        if (execution == null) {
            throw new EngineException("no run with execution id " + id);
        }
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
            throw new EngineException("execution " + id + " is " + status + ": nothing to " + action);
        }
        boolean leftRunning = execution.isRunning() || status == BatchStatus.UNKNOWN;
        if (leftRunning && !owners.ownerIsGone(id)) {
            // this node holds the ledger, and every run holds it while it runs: a live lease on the execution is the
            // last renewal of a holder that lost the ledger, and it ends within one lease
            owners.awaitGone(id, lease.plusSeconds(1));
        }
        if (leftRunning && !owners.ownerIsGone(id)) {
            throw new EngineException("execution " + id + " is running now on " + owners.describe(id)
                    + ": it can be " + (action.equals("restart") ? "restarted" : "abandoned")
                    + " once it ends or its lease ends");
        }
        // partitions its workers still run end first: they are kept if they complete, and never run twice at once
        workerPartitions.awaitEnded(id, action);
        // the node running it died (killed, power loss, database connection lost) or a step was left unfinished
        markFailed(id, "the node running it is gone (its lease ended)");
        return jobRepository.getJobExecution(id);
    }

    /** Marks an execution left running or UNKNOWN, and its unfinished steps, FAILED: compare-and-set on each status. */
    private void markFailed(long id, String why) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED', EXIT_MESSAGE = :why,
                       END_TIME = :now, VERSION = VERSION + 1
                 WHERE JOB_EXECUTION_ID = :id AND STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')""")
                .param("why", why).param("now", now).param("id", id).update();
        jdbc.sql("""
                UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED', EXIT_MESSAGE = :why,
                       END_TIME = :now, VERSION = VERSION + 1
                 WHERE JOB_EXECUTION_ID = :id AND STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')""")
                .param("why", why).param("now", now).param("id", id).update();
    }

    private void refuseWhileRunning(String jobName) {
        for (JobExecution running : jobRepository.findRunningJobExecutions(jobName)) {
            if (owners.ownerIsGone(running.getId())) {
                throw new EngineException("the " + jobName + " run (execution " + running.getId() + ") died while "
                        + "running: resume it with ./run.sh restart --execution " + running.getId()
                        + " or give it up with ./run.sh abandon --execution " + running.getId());
            }
            throw new EngineException("the " + jobName + " run (execution " + running.getId() + ") is running now on "
                    + owners.describe(running.getId()) + "; two runs of one job never execute together");
        }
    }

    /**
     * A period closes on what was ingested and counted: while a nightly run is unfinished its files are neither, so a
     * monthly run would close the period over records it does not see.
     */
    private void refuseWhileNightlyUnfinished(String monthlyJob) {
        jdbc.sql("""
                SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE i.JOB_NAME <> :job AND e.STATUS NOT IN ('COMPLETED', 'ABANDONED')
                   AND e.JOB_EXECUTION_ID = (SELECT MAX(l.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION l
                                              WHERE l.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID)
                 ORDER BY e.JOB_EXECUTION_ID""")
                .param("job", monthlyJob).query(Long.class).list().stream().findFirst().ifPresent(id -> {
                    throw new EngineException("the nightly run of execution " + id + " is unfinished, so its files are "
                            + "not counted yet: resume it with ./run.sh restart --execution " + id + " (or give it up "
                            + "with ./run.sh abandon --execution " + id + ") before a monthly run closes a period");
                });
    }

    private Job job(String name) {
        return jobs.stream().filter(j -> j.getName().equals(name)).findFirst()
                .orElseThrow(() -> new EngineException("no job named " + name));
    }
}
