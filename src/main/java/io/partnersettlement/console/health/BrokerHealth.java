package io.partnersettlement.console.health;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The broker the monthly job sends its partitions through, when partitioning is remote ({@code settlement.partitioning
 * = remote}): {@code /actuator/health} shows it as {@code broker}, UP when a connection opens.
 */
@Component("broker")
@ConditionalOnProperty(name = "settlement.partitioning", havingValue = "remote")
class BrokerHealth implements HealthIndicator {

    private final CachingConnectionFactory broker;

    BrokerHealth(CachingConnectionFactory broker) {
        this.broker = broker;
    }

    @Override
    public Health health() {
        try (Connection connection = broker.createConnection()) {
            return connection.isOpen() ? Health.up().withDetail("host", broker.getHost()).build()
                    : Health.down().withDetail("host", broker.getHost()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("host", broker.getHost()).withDetail("error", e.getMessage()).build();
        }
    }
}
