package ke.co.datacare.whatsapp.query.analytics;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The analytics processor: pooled streaming, batches of up to 1,000 (each written with a few JDBC batches, see
 * AnalyticsStore), one segment, so that the daily counters have a single writer (several segments would contend
 * for the same day's rows). A failing event
 * stops the processor and is retried instead of being logged and skipped, which would lose a count.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class AnalyticsProcessing {

    static final int BATCH_SIZE = 1000;

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessor(AnalyticsProjection.GROUP, Configuration::eventStore,
                        (configuration, builder) -> builder.batchSize(BATCH_SIZE).initialSegmentCount(1))
                .registerListenerInvocationErrorHandler(AnalyticsProjection.GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
