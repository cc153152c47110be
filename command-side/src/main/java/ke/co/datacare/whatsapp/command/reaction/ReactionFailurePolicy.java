package ke.co.datacare.whatsapp.command.reaction;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;

/**
 * The reactions group's failure policy, chosen per handler: a {@link BestEffort} handler's failure is logged and
 * skipped; any other's propagates, so the batch rolls back and the processor retries it with backoff. The handlers'
 * side effects either join the batch's transaction or run after its commit, so a retried batch repeats none of them.
 */
final class ReactionFailurePolicy implements ListenerInvocationErrorHandler {

    private final ListenerInvocationErrorHandler bestEffort = new LoggingErrorHandler();

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (isBestEffort(eventHandler.getTargetType())) {
            bestEffort.onError(exception, event, eventHandler);
        } else {
            throw exception;
        }
    }

    static boolean isBestEffort(Class<?> handlerType) {
        return handlerType != null && handlerType.isAnnotationPresent(BestEffort.class);
    }
}
