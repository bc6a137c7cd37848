package io.partnersettlement.partition;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring Batch's {@link MessageChannelPartitionHandler}, polling the job repository for its workers' results, with a
 * bounded wait: a partition whose worker stopped renewing its lease ({@code partition_lease}: the worker was killed,
 * its machine lost) is failed at once, and one no worker has taken within {@code settlement.partition-wait} is failed
 * too, so the manager step ends FAILED — restartable, its completed partitions kept — instead of waiting forever.
 */
class RemotePartitionHandler extends MessageChannelPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final MessagingTemplate messaging;
    private final String workerStep;
    private final PartitioningSettings settings;

    RemotePartitionHandler(JobRepository jobRepository, JdbcTemplate jdbc, MessagingTemplate messaging, String workerStep,
            PartitioningSettings settings) throws Exception {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.messaging = messaging;
        this.workerStep = workerStep;
        this.settings = settings;
        setStepName(workerStep);
        setMessagingOperations(messaging);
        setJobRepository(jobRepository);
        setPollInterval(settings.poll().toMillis());
        afterPropertiesSet();
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return partitions;
        }
        int sequence = 0;
        long jobExecution = manager.getJobExecution().getId();
        for (StepExecution partition : partitions) {
            messaging.send(MessageBuilder.withPayload(new StepExecutionRequest(workerStep, partition.getId()))
                    .setSequenceNumber(sequence++)
                    .setSequenceSize(partitions.size())
                    .setCorrelationId(jobExecution + ":" + workerStep)
                    .build());
            Partitioning.SENT.incrementAndGet();
        }
        log.info("{}: {} partition(s) sent to the workers", manager.getStepName(), partitions.size());
        Set<Long> ids = partitions.stream().map(StepExecution::getId).collect(Collectors.toSet());
        long sent = System.nanoTime();
        while (true) {
            var job = jobRepository.getJobExecution(jobExecution);
            Map<Long, StepExecution> current = new HashMap<>();
            job.getStepExecutions().stream().filter(s -> ids.contains(s.getId())).forEach(s -> current.put(s.getId(), s));
            Set<StepExecution> finished = current.values().stream().filter(s -> !s.getStatus().isRunning())
                    .collect(Collectors.toSet());
            if (finished.size() == ids.size()) {
                return finished;
            }
            Set<Long> running = new HashSet<>(ids);
            finished.forEach(s -> running.remove(s.getId()));
            failDeadWorkers(running);
            if (System.nanoTime() - sent > settings.waitForWorker().toNanos()) {
                failUntaken(running);
            }
            Thread.sleep(settings.poll().toMillis());
        }
    }

    /** Partitions whose worker's lease ended, by the database's clock: failed, so that a restart runs them again. */
    private void failDeadWorkers(Set<Long> running) {
        String in = running.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<Map<String, Object>> dead = jdbc.queryForList("SELECT step_execution_id, node_id, host, pid FROM partition_lease"
                + " WHERE step_execution_id IN (" + in + ") AND lease_until < CURRENT_TIMESTAMP");
        for (Map<String, Object> row : dead) {
            long id = ((Number) row.get("step_execution_id")).longValue();
            String why = "its worker " + row.get("node_id") + " (host " + row.get("host") + ", process " + row.get("pid")
                    + ") stopped renewing its lease: the worker died or lost the database";
            if (fail(id, why, "")) {
                log.warn("partition {} failed: {}", id, why);
            }
            jdbc.update("DELETE FROM partition_lease WHERE step_execution_id = ?", id);
        }
    }

    /** Partitions no worker took within the wait: failed (a worker that takes one later leaves it). */
    private void failUntaken(Set<Long> running) {
        for (long id : running) {
            String why = "no worker took it within " + settings.waitForWorker().toSeconds() + " s "
                    + "(settlement.partition-wait): are workers running (./run.sh worker) on this database and broker?";
            if (fail(id, why, " AND NOT EXISTS (SELECT 1 FROM partition_lease l WHERE l.step_execution_id = ?)")) {
                log.warn("partition {} failed: {}", id, why);
            }
        }
    }

    private boolean fail(long id, String why, String untaken) {
        Object[] args = untaken.isEmpty() ? new Object[] {why, Timestamp.from(Instant.now()), id}
                : new Object[] {why, Timestamp.from(Instant.now()), id, id};
        return jdbc.update("""
                UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED', EXIT_MESSAGE = ?,
                       END_TIME = ?, VERSION = VERSION + 1
                 WHERE STEP_EXECUTION_ID = ? AND STATUS IN ('STARTING', 'STARTED')""" + untaken, args) == 1;
    }
}
