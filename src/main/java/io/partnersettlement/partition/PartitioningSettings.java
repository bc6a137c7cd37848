package io.partnersettlement.partition;

import java.util.Locale;
import java.time.Duration;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How partitioned steps run: {@code settlement.partitioning} ({@code SETTLEMENT_PARTITIONING}) {@code local} (default:
 * in this process, on {@code settlement.partition-threads} threads) or {@code remote} (on worker processes, partitions
 * sent over the broker at {@code settlement.broker-url}); {@code settlement.partitions}: partner ranges per period
 * (default 1 locally, 4 remote); {@code settlement.partition-wait}: how long a partition may wait for a worker to take
 * it before the step fails; {@code settlement.partition-poll}: how often the manager looks at the job repository;
 * {@code settlement.partition-queue}: the broker's queue (default {@code settlement.partitions}), one per database.
 */
@Component
public class PartitioningSettings {

    private final String mode;
    private final String brokerUrl;
    private final int partitions;
    private final int threads;
    private final Duration wait;
    private final Duration poll;
    private final String queue;

    public PartitioningSettings(@Value("${settlement.partitioning:local}") String mode,
            @Value("${settlement.broker-url:amqp://guest:guest@127.0.0.1:5672}") String brokerUrl,
            @Value("${settlement.partitions:0}") int partitions,
            @Value("${settlement.partition-threads:2}") int threads,
            @Value("${settlement.partition-wait:10m}") Duration wait,
            @Value("${settlement.partition-poll:500ms}") Duration poll,
            @Value("${settlement.partition-queue:settlement.partitions}") String queue) {
        if (!mode.equalsIgnoreCase("local") && !mode.equalsIgnoreCase("remote")) {
            throw new IllegalArgumentException("settlement.partitioning must be local or remote, not '" + mode + "'");
        }
        this.mode = mode.toLowerCase(Locale.ROOT);
        this.brokerUrl = brokerUrl;
        this.partitions = partitions;
        this.threads = Math.max(1, threads);
        this.wait = wait;
        this.poll = poll;
        this.queue = queue;
    }

    /** The broker's queue of partition requests: one per database the managers and workers share. */
    public String queue() {
        return queue;
    }

    public boolean remote() {
        return mode.equals("remote");
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    /** Partner ranges per period. */
    public int partnerRanges() {
        return partitions > 0 ? partitions : remote() ? 4 : 1;
    }

    /** Partitions run at once in this process (local partitioning). */
    public int threads() {
        return threads;
    }

    public Duration waitForWorker() {
        return wait;
    }

    public Duration poll() {
        return poll;
    }
}
