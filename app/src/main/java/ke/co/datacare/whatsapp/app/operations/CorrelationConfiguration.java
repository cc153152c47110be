package ke.co.datacare.whatsapp.app.operations;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The request's correlation id (see the web layer's filter, and the inbox row of a webhook) travels
 * in Axon's metadata under {@value #KEY}: from a command to the events it causes, and on to the commands
 * event handlers send (the outbound dispatch), so one webhook or API call can be followed end to end.
 */
@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

    static final String KEY = "correlationId";
    static final String METADATA_KEY = "datacare.correlationId";

    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(METADATA_KEY);
    }

    @Autowired
    void tagCommandsWithTheRequest(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new MessageDispatchInterceptor<CommandMessage<?>>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    String correlation = MDC.get(KEY);
                    return correlation == null || command.getMetaData().containsKey(METADATA_KEY)
                            ? command : command.andMetaData(Map.of(METADATA_KEY, correlation));
                };
            }
        });
    }
}
