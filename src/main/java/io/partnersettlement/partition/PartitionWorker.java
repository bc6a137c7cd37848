package io.partnersettlement.partition;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.amqp.inbound.AmqpMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

/**
 * A worker process's loop: takes one partition request at a time from the broker's queue (so idle workers get the
 * next partitions, busy ones none), holds the partition under a lease its heartbeat renews, and runs the worker step
 * through Spring Batch's {@link StepExecutionRequestHandler}, which records the outcome in the shared job repository.
 * A request is acknowledged when taken: a worker that dies leaves its partition to the manager's lease check, never
 * to a second worker running it beside a half-dead first one.
 */
public class PartitionWorker {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final AmqpMessageSource requests;
    private final StepExecutionRequestHandler handler;
    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final String node;
    private final Duration lease;
    private final Duration heartbeat;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "partition-lease");
        t.setDaemon(true);
        return t;
    });

    PartitionWorker(AmqpMessageSource requests, StepExecutionRequestHandler handler, JobRepository jobRepository,
            JdbcTemplate jdbc, String node, Duration lease, Duration heartbeat) {
        this.requests = requests;
        this.handler = handler;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.node = node;
        this.lease = lease;
        this.heartbeat = heartbeat;
    }

    /** Takes and runs partitions until {@code stop} answers true between two of them; answers how many it ran. */
    public int run(BooleanSupplier stop, Duration idlePoll) throws InterruptedException {
        int ran = 0;
        while (!stop.getAsBoolean()) {
            Message<?> message;
            try {
                message = requests.receive();
            } catch (RuntimeException e) {
                // the broker is down or restarting: try again, the requests are kept in its durable queue
                log.warn("partition requests cannot be read from the broker ({}); trying again", e.getMessage());
                Thread.sleep(Math.max(1000, idlePoll.toMillis()));
                continue;
            }
            if (message == null) {
                Thread.sleep(idlePoll.toMillis());
                continue;
            }
            AcknowledgmentCallback ack = StaticMessageHeaderAccessor.getAcknowledgmentCallback(message);
            if (ack != null) {
                ack.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
            }
            if (message.getPayload() instanceof StepExecutionRequest request && take(request)) {
                ran++;
            }
        }
        heartbeats.shutdownNow();
        return ran;
    }

    /** Runs one partition under a lease; a partition its run gave up (failed, abandoned) meanwhile is left. */
    boolean take(StepExecutionRequest request) {
        long id = request.getStepExecutionId();
        StepExecution partition = jobRepository.getStepExecution(id);
        if (partition != null && !partition.getStepName().startsWith(request.getStepName() + ":")) {
            log.warn("partition {} left: this database's step execution {} is {}, not a partition of {} (do the managers "
                    + "and workers of this queue share one database?)", id, id, partition.getStepName(), request.getStepName());
            return false;
        }
        if (partition == null || partition.getStatus() != BatchStatus.STARTING) {
            log.info("partition {} ({}) left: it is {}", id, request.getStepName(),
                    partition == null ? "unknown to the job repository" : partition.getStatus());
            return false;
        }
        try {
            jdbc.update("""
                    INSERT INTO partition_lease (step_execution_id, job_execution_id, node_id, host, pid, taken_at, lease_until)
                    VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND)""", id,
                    partition.getJobExecutionId(), node, host(), ProcessHandle.current().pid(),
                    Timestamp.from(Instant.now()), lease.toMillis());
        } catch (DuplicateKeyException e) {
            log.info("partition {} left: another worker holds it", id);
            return false;
        }
        // the manager fails a partition no worker took in time only while it has no lease: read again after taking
        if (jobRepository.getStepExecution(id).getStatus() != BatchStatus.STARTING) {
            jdbc.update("DELETE FROM partition_lease WHERE step_execution_id = ?", id);
            log.info("partition {} left: its run gave it up", id);
            return false;
        }
        ScheduledFuture<?> renewal = heartbeats.scheduleAtFixedRate(() -> renew(id), heartbeat.toMillis(),
                heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            StepExecution done = handler.handle(request);
            log.info("partition {} of job execution {} {} in {} ms", done.getStepName(), done.getJobExecutionId(),
                    done.getStatus(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            renewal.cancel(false);
            jdbc.update("DELETE FROM partition_lease WHERE step_execution_id = ?", id);
        }
        return true;
    }

    private void renew(long id) {
        try {
            jdbc.update("UPDATE partition_lease SET lease_until = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND"
                    + " WHERE step_execution_id = ?", lease.toMillis(), id);
        } catch (RuntimeException e) {
            log.warn("the lease of partition {} could not be renewed: {}", id, e.getMessage());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
