package ke.co.datacare.whatsapp.app.operations.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import ke.co.datacare.whatsapp.command.config.PeriodicTask;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashSet;
import java.util.Set;

/**
 * One dead-letter queue per event processor, on the {@code dead_letter_entry} table, whatever the processing
 * group is called: an event whose handler keeps failing is parked (with the later events of its conversation,
 * so their order holds) and the processor goes on with the others. Subscribing processors are left out: their
 * failures fail the command that published the event.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterConfiguration {

    @Autowired
    void deadLetterEveryStreamingProcessor(EventProcessingConfigurer processing, DeadLetterProperties properties,
                                           EventProcessorProperties processors, ConnectionProvider connections,
                                           DeadLetterSchema schema, DeadLetterQueues queues, MeterRegistry meters) {
        if (!properties.enabled()) {
            return;
        }
        Set<String> subscribing = new HashSet<>(properties.subscribingGroups());
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getMode() == EventProcessorProperties.Mode.SUBSCRIBING) {
                subscribing.add(name);
            }
        });
        processing.registerDeadLetterQueueProvider(group -> subscribing.contains(group) ? null : configuration -> {
            // the invoker would otherwise ask the table, for every event, whether its sequence is parked
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                    (axon, invoker) -> invoker.enableSequenceIdentifierCache());
            return queues.register(group, JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                    .processingGroup(group)
                    .connectionProvider(connections)
                    .transactionManager(configuration.getComponent(TransactionManager.class))
                    .schema(schema)
                    .genericSerializer(configuration.serializer())
                    .eventSerializer(configuration.eventSerializer())
                    .build());
        });
        processing.registerDefaultDeadLetterPolicy(configuration -> new ParkingPolicy(properties.automaticRetries(),
                properties.failuresBeforeParking(), meters));
    }

    /** Parked events due for another try go back to their handlers every {@code retry-interval}. */
    @Bean
    PeriodicTask deadLetterRetryTask(DeadLetterRetries retries, DeadLetterProperties properties) {
        return new PeriodicTask("dead-letter-retries", properties.retryInterval(), retries::retryDue);
    }
}
