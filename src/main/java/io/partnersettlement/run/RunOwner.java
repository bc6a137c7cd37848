package io.partnersettlement.run;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnersettlement.fault.CrashPoints;

/**
 * Records which node runs each job execution, under a lease the ledger's heartbeat renews while it runs: an execution
 * left "running" whose lease ended is dead, wherever it ran, and any node may recover it.
 */
@Component
public class RunOwner implements JobExecutionListener {

    private final JdbcClient jdbc;
    private final LedgerLock lock;
    private final LedgerSettings settings;

    public RunOwner(JdbcClient jdbc, LedgerLock lock, LedgerSettings settings) {
        this.jdbc = jdbc;
        this.lock = lock;
        this.settings = settings;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        jdbc.sql("""
                INSERT INTO run_owner (job_execution_id, host, pid, started_at, node_id, lease_until)
                VALUES (:id, :host, :pid, :at, :node, CURRENT_TIMESTAMP + CAST(:millis AS BIGINT) * INTERVAL '0.001' SECOND)""")
                .param("id", jobExecution.getId())
                .param("host", host())
                .param("pid", ProcessHandle.current().pid())
                .param("at", Timestamp.from(Instant.now()))
                .param("node", lock.node())
                .param("millis", settings.lease().toMillis())
                .update();
        lock.attach(jobExecution.getId());
    }

    /** The job's steps are done; its completion is not recorded yet. */
    @Override
    public void afterJob(JobExecution jobExecution) {
        CrashPoints.reach("job.finishing");
    }

    static void renew(JdbcClient jdbc, long jobExecutionId, Duration lease) {
        jdbc.sql("""
                UPDATE run_owner SET lease_until = CURRENT_TIMESTAMP + CAST(:millis AS BIGINT) * INTERVAL '0.001' SECOND
                 WHERE job_execution_id = :id""")
                .param("millis", lease.toMillis()).param("id", jobExecutionId).update();
    }

    /** True when no node holds a live lease on the execution (by the database's clock). */
    public boolean ownerIsGone(long jobExecutionId) {
        return leaseEnded(jdbc, jobExecutionId);
    }

    /** {@link #ownerIsGone}, for a reader without the engine. */
    public static boolean leaseEnded(JdbcClient jdbc, long jobExecutionId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM run_owner WHERE job_execution_id = :id AND lease_until >= CURRENT_TIMESTAMP""")
                .param("id", jobExecutionId).query(Integer.class).single() == 0;
    }

    /** Waits, at most {@code atMost}, for the execution's lease to end. */
    void awaitGone(long jobExecutionId, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        System.err.println("execution " + jobExecutionId + " was run by " + describe(jobExecutionId)
                + ": waiting for its lease to end");
        while (!ownerIsGone(jobExecutionId) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Who runs (or ran) the execution, for messages: node, host, process and lease. */
    public String describe(long jobExecutionId) {
        return jdbc.sql("SELECT node_id, host, pid, lease_until FROM run_owner WHERE job_execution_id = :id")
                .param("id", jobExecutionId)
                .query((rs, n) -> "node " + rs.getString(1) + " (host " + rs.getString(2) + ", process " + rs.getLong(3)
                        + "), lease until " + LedgerLock.format(rs.getObject(4, OffsetDateTime.class)))
                .optional().orElse("no recorded node");
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
