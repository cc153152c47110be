package ke.co.datacare.whatsapp.command.outbound;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The processors that talk to Meta start at the head of the event stream the first time they run:
 * history is never sent again, whatever a new deployment or a reset does.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Autowired
    void startAtHead(EventProcessingConfigurer processing) {
        for (String group : new String[]{OutboundDispatcher.GROUP, ReadReceipts.GROUP}) {
            processing.registerPooledStreamingEventProcessorConfiguration(group, (configuration, builder) ->
                    builder.initialToken(StreamableMessageSource::createHeadToken));
        }
    }
}
