package ke.co.datacare.whatsapp.query.live;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every instance follows the event store from its head with its own in-memory token: no claims to share. Nothing it
 * does needs a transaction (the token is in memory, the handler reads one inbox row), and an event no connected
 * client would be told of is passed over before its payload is read ({@link OnlyWhatClientsSee}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class LiveUpdatesConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing, LiveStream stream) {
        processing.registerTokenStore(LiveUpdates.GROUP, configuration -> new InMemoryTokenStore());
        processing.registerTransactionManager(LiveUpdates.GROUP, configuration -> NoTransactionManager.instance());
        processing.registerHandlerInterceptor(LiveUpdates.GROUP, configuration -> new OnlyWhatClientsSee(stream));
        processing.registerPooledStreamingEventProcessor(LiveUpdates.GROUP, Configuration::eventStore,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken)
                        .initialSegmentCount(1).batchSize(50));
    }
}
