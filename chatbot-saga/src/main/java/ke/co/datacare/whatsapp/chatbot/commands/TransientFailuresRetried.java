package ke.co.datacare.whatsapp.chatbot.commands;

import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.springframework.dao.TransientDataAccessException;

/**
 * How the saga's processor treats a failing event. A transient failure (an imminent deadlock on an aggregate's lock
 * between the saga's batch and another unit of work holding several, a concurrent change of the aggregate, a
 * transient database error) fails the batch, which rolls back and is processed again: logging it and going on, Axon's
 * default for sagas, lost the event (a handoff never assigned, a bot answer never sent). Any other failure is logged
 * and skipped, as before, so a poison event cannot stop the bot for everyone.
 */
public final class TransientFailuresRetried implements ListenerInvocationErrorHandler {

    private final ListenerInvocationErrorHandler otherwise = new LoggingErrorHandler();

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (isTransient(exception)) {
            throw exception;
        }
        otherwise.onError(exception, event, eventHandler);
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AxonTransientException || cause instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }
}
