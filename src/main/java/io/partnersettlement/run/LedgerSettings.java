package io.partnersettlement.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the ledger lock and the leases behave ({@code settlement.ledger.*}).
 *
 * @param nodeId        the name of this node (default: the host name); two processes with different node ids act as
 *                      two machines
 * @param lease         how long a holder's claim lasts without a heartbeat; after it, the holder counts as dead
 * @param heartbeat     how often a working holder renews its lease (well under the lease)
 * @param lockWait      how long a command waits for the ledger before it is refused naming the holder (0: refuse at
 *                      once)
 * @param progressEvery how often a waiting command says what it waits for
 */
@ConfigurationProperties("settlement.ledger")
public record LedgerSettings(
        @DefaultValue("") String nodeId,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("10m") Duration lockWait,
        @DefaultValue("10s") Duration progressEvery) {

    public LedgerSettings {
        if (heartbeat.compareTo(lease.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("settlement.ledger.heartbeat (" + heartbeat
                    + ") must be at most half of settlement.ledger.lease (" + lease + ")");
        }
    }

    /** This node's name: the configured node id, or the host name. */
    public String node() {
        return nodeId == null || nodeId.isBlank() ? RunOwner.host() : nodeId.strip();
    }
}
