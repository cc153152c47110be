package ke.co.datacare.whatsapp.query.readmodel;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import ke.co.datacare.whatsapp.query.batch.EventByEvent;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

/**
 * The read-model processor: pooled streaming, batches of up to {@value #BATCH_SIZE} events, each written by every
 * projection with a few JDBC batches ({@code BatchWrites}) in one transaction. One segment: the daily analytics
 * counters want a single writer (several segments would contend for the same day's rows), and one batch for every
 * projection is what keeps the cost per event low. A failing handler is not logged and skipped (which would lose a
 * count): the failure propagates to the group's dead-letter queue, which retries the event and then parks it with
 * the later events of its aggregate, while the other aggregates go on. A failure while a batch's writes are flushed
 * (not in one event's handler) has the batch handled again event by event ({@link EventByEvent}), so that the same
 * happens to the one event whose writes fail. On its first start the processor continues
 * from the positions of the groups it replaced ({@link LegacyTokenHandover}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ReadModelProcessing {

    static final int BATCH_SIZE = 1000;

    @Autowired
    void configure(EventProcessingConfigurer processing, LegacyTokenHandover handover, DataSource dataSource) {
        processing.registerPooledStreamingEventProcessor(ReadModels.GROUP, Configuration::eventStore,
                        (configuration, builder) -> builder.batchSize(BATCH_SIZE).initialSegmentCount(1)
                                .initialToken(source -> handover.initialToken().orElseGet(source::createTailToken)))
                .registerListenerInvocationErrorHandler(ReadModels.GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerHandlerInterceptor(ReadModels.GROUP, configuration -> new EventByEvent(dataSource));
    }
}
