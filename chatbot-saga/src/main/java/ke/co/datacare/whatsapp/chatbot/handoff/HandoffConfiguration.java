package ke.co.datacare.whatsapp.chatbot.handoff;

import java.time.Clock;
import java.util.Set;
import ke.co.datacare.whatsapp.chatbot.commands.CommandsAtBatchEnd;
import ke.co.datacare.whatsapp.chatbot.commands.ConversationLocks;
import ke.co.datacare.whatsapp.chatbot.commands.ConversationsLockedFirst;
import ke.co.datacare.whatsapp.chatbot.commands.TransientFailuresRetried;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The resources of the {@link Chatbot} and the {@link HandoffSaga}, and their processors. Both start at the head of
 * the event stream the first time they run: the bot never answers history. Conversations that opened earlier are
 * met by the bot with their next customer message.
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
         * holds the locks of the conversations it sent commands to until it commits, so its commands go at its end in
         * the order of their conversations ({@link CommandsAtBatchEnd}), the order the sender's outcomes take too: a
         * batch no longer meets another saga batch, or the outcomes, in a deadlock. Transient failures that remain (a
         * concurrent change, a transient database error, a deadlock with a batch that could not take its locks in
         * order ahead) roll the batch back and process it again ({@link TransientFailuresRetried}); the work
         * package lets its segment go, which is claimed again within {@code claim-interval}.
         */
        @Autowired
        void handoffProcessor(EventProcessingConfigurer processing, HandoffProperties properties) {
            processing.registerPooledStreamingEventProcessor(HandoffSaga.GROUP, Configuration::eventStore,
                    (configuration, builder) -> builder
                            .initialToken(StreamableMessageSource::createHeadToken)
                            .initialSegmentCount(properties.segments())
                            .maxClaimedSegments(properties.segments())
                            .tokenClaimInterval(properties.claimInterval().toMillis())
                            .batchSize(properties.batchSize()));
            processing.registerListenerInvocationErrorHandler(HandoffSaga.GROUP,
                    configuration -> new TransientFailuresRetried());
            processing.registerHandlerInterceptor(HandoffSaga.GROUP,
                    configuration -> new CommandsAtBatchEnd(configuration.commandGateway()));
        }

        /**
         * The bot's own processor: batches of {@code bot-batch-size} events, each batch reading and writing the bot's
         * table once ({@link BotConversationTable}). Segments keep a conversation's events in order: a conversation's
         * events carry its id as aggregate id, which the sequencing policy follows. A failure propagates to the
         * group's dead-letter queue (configured for every streaming processor), which retries the batch in place
         * first (a deadlock, a transient database error) and then parks the event with the later events of its
         * conversation, so a poison event does not stop the bot for everyone. A batch takes the locks of the
         * conversations it may answer first, in their order ({@link ConversationsLockedFirst}), where the command side
         * provides them ({@link ConversationLocks}).
         */
        @Autowired
        void botProcessor(EventProcessingConfigurer processing, HandoffProperties properties,
                          ObjectProvider<ConversationLocks> locks) {
            processing.registerPooledStreamingEventProcessor(Chatbot.GROUP, Configuration::eventStore,
                            (configuration, builder) -> builder
                                    .initialToken(StreamableMessageSource::createHeadToken)
                                    .initialSegmentCount(properties.segments())
                                    .maxClaimedSegments(properties.segments())
                                    .tokenClaimInterval(properties.claimInterval().toMillis())
                                    .batchSize(properties.botBatchSize()))
                    .registerSequencingPolicy(Chatbot.GROUP, configuration -> SequentialPerAggregatePolicy.instance())
                    .registerListenerInvocationErrorHandler(Chatbot.GROUP,
                            configuration -> PropagatingErrorHandler.instance());
            locks.ifAvailable(available -> processing.registerHandlerInterceptor(Chatbot.GROUP,
                    configuration -> new ConversationsLockedFirst(available)));
        }

        /**
         * The saga's association look-ups, one per batch instead of one per event ({@link BatchAssociationLookups});
         * the store Axon configures stays underneath for everything else.
         */
        @Bean
        static BeanPostProcessor batchAssociationLookups(ObjectProvider<NamedParameterJdbcTemplate> jdbc) {
            return new BeanPostProcessor() {
                @Override
                @SuppressWarnings("unchecked")
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof SagaStore<?> store && !(bean instanceof BatchAssociationLookups)
                            ? new BatchAssociationLookups((SagaStore<Object>) store, jdbc, HandoffSaga.class,
                                    Set.of("conversationId", HandoffSaga.ASSIGNED))
                            : bean;
                }
            };
        }

        @Bean
        BotConversations botConversations(JdbcTemplate jdbc) {
            return new BotConversationTable(jdbc);
        }

        @Bean
        Chatbot chatbot(CommandGateway commands, ChatbotConfigHolder chatbot, ConversationContextStore contexts,
                        BotConversations conversations, Clock clock) {
            return new Chatbot(commands, chatbot, contexts, conversations, clock);
        }
    }
}
