package ke.co.datacare.whatsapp.command.outbound;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The processors that talk to Meta start at the head of the event stream the first time they run:
 * history is never sent again, whatever a new deployment or a reset does.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    /**
     * The command-side lookups (consent, templates, contact tags) are written in the transaction of their events;
     * a failed write fails the command, instead of being logged while the events commit without it.
     */
    @Autowired
    void lookupsFailWithTheirCommand(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(ContactConsent.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * A message the dispatcher could not handle (its failure could not be recorded, say, while its contact was
     * still being created) is retried by the processor with backoff instead of being logged and skipped, which
     * would leave it queued forever. A second attempt is safe: each send attempt is claimed before Meta is called.
     */
    @Autowired
    void dispatchFailuresAreRetried(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(OutboundDispatcher.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    @Autowired
    void startAtHead(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessorConfiguration(OutboundDispatcher.GROUP, (configuration, builder) ->
                builder.initialToken(StreamableMessageSource::createHeadToken));
    }
}
