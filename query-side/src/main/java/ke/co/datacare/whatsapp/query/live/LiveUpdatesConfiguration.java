package ke.co.datacare.whatsapp.query.live;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every instance follows the event store from its head with its own in-memory token: no claims to share. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class LiveUpdatesConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerTokenStore(LiveUpdates.GROUP, configuration -> new InMemoryTokenStore());
        processing.registerPooledStreamingEventProcessor(LiveUpdates.GROUP, Configuration::eventStore,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken)
                        .initialSegmentCount(1).batchSize(50));
    }
}
