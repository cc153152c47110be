package ke.co.datacare.whatsapp.app.operations;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request's correlation id (see the web layer's filter, and the inbox row of a webhook) travels
 * in Axon's metadata under {@value #METADATA_KEY}: from a command to the events it causes, and on to the
 * commands event handlers send (the outbound dispatch), so one webhook or API call can be followed end
 * to end. {@link CorrelationOnCommands} puts it on commands sent while a request is handled.
 */
@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

    static final String KEY = "correlationId";
    static final String METADATA_KEY = "datacare.correlationId";

    @Bean
    static CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(METADATA_KEY);
    }
}
