package ke.co.datacare.whatsapp.chatbot.handoff;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the bot and the handoff send their commands: a refusal (the window closed, the conversation moved on) is logged,
 * not retried; any other failure propagates.
 */
final class RefusalsLogged {

    private static final Logger log = LoggerFactory.getLogger(RefusalsLogged.class);

    private RefusalsLogged() {
    }

    static void send(CommandGateway commands, Object command, ConversationId conversationId) {
        try {
            commands.sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (!(e.getDetails().orElse(null) instanceof Refusal refusal)) {
                throw e;
            }
            log.info("{} for conversation {} was refused ({}): {}", command.getClass().getSimpleName(), conversationId,
                    refusal.code(), e.getMessage());
        }
    }
}
