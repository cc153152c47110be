package ke.co.datacare.whatsapp.chatbot.commands;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the bot and the sagas send their commands to conversations: a refusal (the window closed, the conversation moved
 * on) is logged, not retried; any other failure propagates.
 * <p>
 * A saga's command goes through {@link #send}: inside a batch of a processor that {@link CommandsAtBatchEnd} watches,
 * it waits for the batch's last event and goes with the batch's other commands in the order of their conversations,
 * the order in which the sender records its outcomes too. Units of work that take several conversations' locks in
 * that one order cannot wait for each other in a circle, so these batches and the outcomes no longer meet in a
 * deadlock (which rolled the saga's batch back and left its segment unclaimed for seconds). The bot's batches (through
 * {@link #sendNow}) and the webhook dispatcher's send at once, in the order of their events, having taken their
 * conversations' locks first in that one order ({@link ConversationsLockedFirst}). The commands still commit in the
 * batch's transaction, with the sagas' state and the token.
 */
public final class ConversationCommands {

    private static final Logger log = LoggerFactory.getLogger(ConversationCommands.class);

    private ConversationCommands() {
    }

    /** Sent with the batch's other commands at its end when a batch waits for them, else at once ({@link #sendNow}). */
    public static void send(CommandGateway commands, Object command, ConversationId conversationId) {
        if (CurrentUnitOfWork.isStarted()) {
            CommandsAtBatchEnd.Pending pending = CurrentUnitOfWork.get().root().getResource(CommandsAtBatchEnd.PENDING);
            if (pending != null) {
                pending.add(conversationId, command);
                return;
            }
        }
        sendNow(commands, command, conversationId);
    }

    /** Sent and waited for; a refusal is logged, any other failure thrown. */
    public static void sendNow(CommandGateway commands, Object command, ConversationId conversationId) {
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
