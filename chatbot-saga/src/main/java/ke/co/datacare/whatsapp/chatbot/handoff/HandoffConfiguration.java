package ke.co.datacare.whatsapp.chatbot.handoff;

import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The resources of the {@link HandoffSaga} and its processor. The processor starts at the head of the event
 * stream the first time it runs: the bot never answers history. Conversations that opened earlier get their
 * saga with their next customer message.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HandoffProperties.class)
class HandoffConfiguration {

    @Bean
    AgentPool agentPool(QueryGateway queries, HandoffProperties properties) {
        return new QueryAgentPool(queries, properties.agentQueryTimeout());
    }

    @Bean
    AgentAssigner agentAssigner(AgentPool pool, HandoffProperties properties) {
        return new AgentAssigner(pool, properties.assignment().create());
    }

    @Bean
    ReplyDeadlinePolicy replyDeadlinePolicy(HandoffProperties properties, ChatbotConfigHolder chatbot) {
        return new ReplyDeadlinePolicy(properties.replySla(), chatbot);
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "datacare.handoff", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class HandoffProcessor {

        /**
         * Batches of {@code batch-size} events: one transaction and one token update per batch instead of per event,
         * and the work package's queue stays short (Axon 4.13's capacity check walks it for every event read). A batch
         * holds the locks of the conversations it sent commands to until it commits, so it can meet another unit of
         * work holding several (the sender's outcomes) in a deadlock, which Axon detects: such transient failures roll
         * the batch back and process it again ({@link TransientFailuresRetried}).
         */
        @Autowired
        void handoffProcessor(EventProcessingConfigurer processing, HandoffProperties properties) {
            processing.registerPooledStreamingEventProcessor(HandoffSaga.GROUP, Configuration::eventStore,
                    (configuration, builder) -> builder
                            .initialToken(StreamableMessageSource::createHeadToken)
                            .initialSegmentCount(properties.segments())
                            .maxClaimedSegments(properties.segments())
                            .batchSize(properties.batchSize()));
            processing.registerListenerInvocationErrorHandler(HandoffSaga.GROUP,
                    configuration -> new TransientFailuresRetried());
        }
    }
}
