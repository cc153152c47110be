package ke.co.datacare.whatsapp.chatbot.commands;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sends the commands a processor's batch gave {@link ConversationCommands#send} once its last event was handled, in
 * the order of their conversations (a conversation's own commands in the order they were given), inside the batch's
 * unit of work. A transient failure (a detected deadlock, a concurrent change, a transient database error) fails the
 * batch, which rolls back and is processed again; any other failure is logged and the next command sent, as the
 * processor's error handler does with a failing event, so one poison command cannot stop the processor.
 */
public final class CommandsAtBatchEnd implements MessageHandlerInterceptor<EventMessage<?>> {

    static final String PENDING = CommandsAtBatchEnd.class.getName() + ".pending";
    private static final Logger log = LoggerFactory.getLogger(CommandsAtBatchEnd.class);

    private final CommandGateway commands;

    public CommandsAtBatchEnd(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return interceptorChain.proceed();
        }
        Pending pending = batch.root().getOrComputeResource(PENDING, key -> new Pending());
        Object result = interceptorChain.proceed();
        if (batch.isLastMessage()) {
            pending.sendAll(commands);
        }
        return result;
    }

    /** The commands a batch gave so far. */
    static final class Pending {

        private record Given(ConversationId conversationId, Object command) {
        }

        private final List<Given> given = new ArrayList<>();

        void add(ConversationId conversationId, Object command) {
            given.add(new Given(conversationId, command));
        }

        void sendAll(CommandGateway commands) {
            List<Given> ordered = new ArrayList<>(given);
            given.clear();
            ordered.sort(Comparator.comparing(Given::conversationId));
            for (Given one : ordered) {
                try {
                    ConversationCommands.sendNow(commands, one.command(), one.conversationId());
                } catch (RuntimeException e) {
                    if (TransientFailuresRetried.isTransient(e)) {
                        throw e;
                    }
                    log.error("{} for conversation {} failed and is dropped: {}",
                            one.command().getClass().getSimpleName(), one.conversationId(), e.toString());
                }
            }
        }
    }
}
