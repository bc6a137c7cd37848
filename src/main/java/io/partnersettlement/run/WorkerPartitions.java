package io.partnersettlement.run;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnersettlement.fault.EngineException;

/**
 * Partitions of a run that worker processes still hold ({@code partition_lease}, renewed by each worker's heartbeat).
 * A run whose manager died may have partitions still running on live workers: a restart waits for them to end, so that
 * one partition never runs twice at once, and the partitions they complete are kept rather than run again.
 */
@Component
public class WorkerPartitions {

    private static final Logger log = LoggerFactory.getLogger(WorkerPartitions.class);

    private final JdbcClient jdbc;
    private final Duration wait;
    private final Duration poll;

    public WorkerPartitions(JdbcClient jdbc, @Value("${settlement.partition-wait:10m}") Duration wait,
            @Value("${settlement.partition-poll:500ms}") Duration poll) {
        this.jdbc = jdbc;
        this.wait = wait;
        this.poll = poll;
    }

    /** A partition a worker holds: its step, and the worker's node, host and process. */
    record Held(String step, String node, String host, long pid) {
        @Override
        public String toString() {
            return step + " on worker " + node + " (host " + host + ", process " + pid + ")";
        }
    }

    /** The partitions of the job execution that live workers hold now (leases not ended, by the database's clock). */
    List<Held> held(long jobExecutionId) {
        return jdbc.sql("""
                SELECT s.STEP_NAME, l.node_id, l.host, l.pid FROM partition_lease l
                  JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = l.step_execution_id
                 WHERE l.job_execution_id = :id AND l.lease_until >= CURRENT_TIMESTAMP
                 ORDER BY s.STEP_NAME""")
                .param("id", jobExecutionId)
                .query((rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
    }

    /**
     * Waits until no live worker holds a partition of the execution, at most {@code settlement.partition-wait};
     * refuses, naming the partitions and their workers, when some are still held then.
     */
    void awaitEnded(long jobExecutionId, String action) {
        List<Held> held = held(jobExecutionId);
        if (held.isEmpty()) {
            return;
        }
        log.warn("execution {}: {} partition(s) still running on workers ({}): waiting up to {} s for them to end before"
                + " the {}", jobExecutionId, held.size(), held, wait.toSeconds(), action);
        long until = System.nanoTime() + wait.toNanos();
        while (!held.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            held = held(jobExecutionId);
        }
        if (!held.isEmpty()) {
            throw new EngineException("execution " + jobExecutionId + " still has partitions running on workers: " + held
                    + "; " + action + " it once they end (or stop those workers)");
        }
        log.info("execution {}: the workers' partitions ended; the {} goes on", jobExecutionId, action);
    }
}
