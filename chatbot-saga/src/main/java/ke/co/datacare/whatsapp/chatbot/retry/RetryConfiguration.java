package ke.co.datacare.whatsapp.chatbot.retry;

import ke.co.datacare.whatsapp.chatbot.commands.CommandsAtBatchEnd;
import ke.co.datacare.whatsapp.chatbot.commands.TransientFailuresRetried;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

    /** The retry saga's processor; its name is Axon's for the saga type. */
    static final String PROCESSOR = "OutboundRetrySagaProcessor";
    /**
     * Every message Meta accepts ends a saga that, almost always, does not exist: the lookup is one query per event,
     * the transaction and token update one per batch, so the batches are large (a campaign's acceptances come
     * hundreds a second).
     */
    static final int BATCH_SIZE = 200;

    @Bean
    RetryPolicy retryPolicy(@Value("${datacare.retry.max-attempts:6}") int maxAttempts,
                            @Value("${datacare.retry.max-age:24h}") Duration maxAge) {
        return new RetryPolicy(maxAttempts, maxAge);
    }

    /**
     * Batches of {@value #BATCH_SIZE}; their commands go at the batch's end in the order of their conversations
     * ({@link CommandsAtBatchEnd}), and a transient failure rolls the batch back to be processed again instead of
     * losing the command ({@link TransientFailuresRetried}).
     */
    @Autowired
    void retriesInBatches(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessorConfiguration(PROCESSOR,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(BATCH_SIZE));
        processing.registerListenerInvocationErrorHandler(PROCESSOR, configuration -> new TransientFailuresRetried());
        processing.registerHandlerInterceptor(PROCESSOR,
                configuration -> new CommandsAtBatchEnd(configuration.commandGateway()));
    }
}
