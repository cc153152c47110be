package ke.co.datacare.whatsapp.api.common;

import org.axonframework.commandhandling.CommandExecutionException;

import java.util.Map;

/**
 * Why a command handler said no, carried as the details of a {@link CommandExecutionException} so that
 * it survives a distributed command bus (Axon Server) and becomes a problem+json answer with its code.
 */
public record Refusal(ErrorCode code, Map<String, Object> properties) {

    public static CommandExecutionException refuse(ErrorCode code, String detail) {
        return refuse(code, detail, Map.of());
    }

    public static CommandExecutionException refuse(ErrorCode code, String detail, Map<String, Object> properties) {
        return new CommandExecutionException(detail, null, new Refusal(code, Map.copyOf(properties)));
    }
}
