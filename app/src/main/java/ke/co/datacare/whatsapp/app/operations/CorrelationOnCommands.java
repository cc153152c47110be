package ke.co.datacare.whatsapp.app.operations;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Adds the current request's correlation id to every command dispatched on its thread. */
@Component
class CorrelationOnCommands implements MessageDispatchInterceptor<CommandMessage<?>> {

    CorrelationOnCommands(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            String correlation = MDC.get(CorrelationConfiguration.KEY);
            return correlation == null || command.getMetaData().containsKey(CorrelationConfiguration.METADATA_KEY)
                    ? command : command.andMetaData(Map.of(CorrelationConfiguration.METADATA_KEY, correlation));
        };
    }
}
