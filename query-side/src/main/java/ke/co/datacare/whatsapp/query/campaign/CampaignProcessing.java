package ke.co.datacare.whatsapp.query.campaign;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The campaigns processor: pooled streaming, batches of up to 1,000, two segments. Events of one aggregate stay in order
 * (the default sequencing per aggregate), which is all the recipient rows need: a message's statuses come from its
 * conversation's stream, a campaign's lifecycle from its own.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class CampaignProcessing {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessor(CampaignProjection.GROUP, Configuration::eventStore,
                (configuration, builder) -> builder.batchSize(1000).initialSegmentCount(2));
    }
}
