package ke.co.datacare.whatsapp.command.reaction;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** The reactions processor starts at the head of the stream and applies each handler's own failure policy. */
@Configuration(proxyBeanMethods = false)
class ReactionsConfiguration {

    @Autowired
    void reactionsStartAtHead(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessorConfiguration(Reactions.GROUP, (configuration, builder) ->
                builder.initialToken(StreamableMessageSource::createHeadToken));
        processing.registerListenerInvocationErrorHandler(Reactions.GROUP, configuration -> new ReactionFailurePolicy());
    }
}
