package io.partnersettlement.partition;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.inbound.AmqpMessageSource;
import org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.run.LedgerSettings;

/**
 * Remote partitioning over RabbitMQ, only when {@code settlement.partitioning=remote}: the manager sends each partition
 * as a {@code StepExecutionRequest} through a Spring Integration AMQP outbound endpoint to the durable queue
 * {@code settlement.partition-queue}; a worker ({@code ./run.sh worker}) takes them one at a time from it. Requests
 * are persistent messages in a durable queue: a broker restarted between two partitions keeps them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "settlement.partitioning", havingValue = "remote")
@EnableIntegration
public class RemotePartitioning {

    static final String REQUESTS = "partitionRequests";

    @Bean
    CachingConnectionFactory partitionBroker(PartitioningSettings settings) {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(settings.brokerUrl()));
        connections.setConnectionNameStrategy(f -> "partner-settlement " + ProcessHandle.current().pid());
        return connections;
    }

    @Bean
    SimpleMessageConverter partitionRequestConverter() {
        SimpleMessageConverter converter = new SimpleMessageConverter();
        // a request is a step execution's id and a step name; nothing else is ever deserialized
        converter.setAllowedListPatterns(List.of("org.springframework.batch.integration.partition.StepExecutionRequest",
                "java.lang.*"));
        return converter;
    }

    @Bean
    RabbitTemplate partitionTemplate(CachingConnectionFactory partitionBroker, SimpleMessageConverter partitionRequestConverter) {
        RabbitTemplate template = new RabbitTemplate(partitionBroker);
        template.setMessageConverter(partitionRequestConverter);
        return template;
    }

    @Bean
    RabbitAdmin partitionAdmin(CachingConnectionFactory partitionBroker) {
        RabbitAdmin admin = new RabbitAdmin(partitionBroker);
        // declared on every (re)connection: a broker restarted with an empty store gets the queue back
        return admin;
    }

    @Bean
    Queue partitionQueue(PartitioningSettings settings) {
        return new Queue(settings.queue(), true);
    }

    @Bean(name = REQUESTS)
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    @ServiceActivator(inputChannel = REQUESTS)
    AmqpOutboundEndpoint partitionSender(RabbitTemplate partitionTemplate, Queue partitionQueue) {
        AmqpOutboundEndpoint sender = new AmqpOutboundEndpoint(partitionTemplate);
        sender.setRoutingKey(partitionQueue.getName());
        return sender;
    }

    @Bean
    Handlers remotePartitionHandlers(JobRepository jobRepository, JdbcTemplate jdbc, DirectChannel partitionRequests,
            PartitioningSettings settings, RabbitAdmin partitionAdmin, Queue partitionQueue) {
        return new Handlers(jobRepository, jdbc, partitionRequests, settings, partitionAdmin, partitionQueue);
    }

    @Bean
    PartitionWorker partitionWorker(CachingConnectionFactory partitionBroker, SimpleMessageConverter partitionRequestConverter,
            JobRepository jobRepository, JdbcTemplate jdbc, BeanFactory beans, LedgerSettings ledger,
            RabbitAdmin partitionAdmin, Queue partitionQueue) {
        AmqpMessageSource source = new AmqpMessageSource(partitionBroker, partitionQueue.getName());
        source.setMessageConverter(partitionRequestConverter);
        source.setBeanFactory(beans);
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beans);
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(steps);
        return new PartitionWorker(source, handler, jobRepository, jdbc, ledger.node(), ledger.lease(), ledger.heartbeat()) {
            @Override
            public int run(BooleanSupplier stop, Duration idlePoll) throws InterruptedException {
                partitionAdmin.declareQueue(partitionQueue);
                return super.run(stop, idlePoll);
            }
        };
    }

    /** The manager's partition handlers, one per worker step. */
    public static final class Handlers {
        private final JobRepository jobRepository;
        private final JdbcTemplate jdbc;
        private final MessagingTemplate messaging;
        private final PartitioningSettings settings;
        private final RabbitAdmin admin;
        private final Queue queue;

        Handlers(JobRepository jobRepository, JdbcTemplate jdbc, DirectChannel requests, PartitioningSettings settings,
                RabbitAdmin admin, Queue queue) {
            this.jobRepository = jobRepository;
            this.jdbc = jdbc;
            this.messaging = new MessagingTemplate(requests);
            this.settings = settings;
            this.admin = admin;
            this.queue = queue;
        }

        public PartitionHandler handler(String workerStep) throws Exception {
            admin.declareQueue(queue);
            return new RemotePartitionHandler(jobRepository, jdbc, messaging, workerStep, settings);
        }
    }
}
