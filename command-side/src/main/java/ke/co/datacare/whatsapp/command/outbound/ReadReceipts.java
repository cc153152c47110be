package ke.co.datacare.whatsapp.command.outbound;

import java.util.concurrent.Semaphore;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.reaction.BestEffort;
import ke.co.datacare.whatsapp.command.reaction.Reactions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Marks customers' messages as read on Meta's side (blue ticks), after they are stored and off the
 * webhook's request thread: each one as it arrives unless {@code datacare.whatsapp.mark-as-read=false}, and
 * whenever an agent marks a conversation read or shows a typing indicator; from the business number the customer
 * wrote to (the conversation's). Best effort: a failure is logged,
 * never retried, and never replayed.
 * <p>
 * It runs in the {@link Reactions} processor (large batches, one token update per batch), best effort there too
 * ({@link BestEffort}): a receipt goes out once its batch is committed,
 * asynchronously, so no processor thread waits for Meta; at most {@code datacare.whatsapp.read-receipts-in-flight}
 * are outstanding, beyond which the processor waits for Meta's answers.
 */
@Component
@ProcessingGroup(Reactions.GROUP)
@BestEffort
class ReadReceipts {

    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    private final GraphApiClient graph;
    private final ContactDirectory directory;
    private final boolean enabled;
    private final Semaphore inFlight;

    ReadReceipts(GraphApiClient graph, ContactDirectory directory,
                 @Value("${datacare.whatsapp.mark-as-read:true}") boolean enabled,
                 @Value("${datacare.whatsapp.read-receipts-in-flight:256}") int maxInFlight) {
        this.graph = graph;
        this.directory = directory;
        this.enabled = enabled;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @EventHandler
    @DisallowReplay
    void on(InboundMessageEvent event) {
        if (!enabled || !event.opensWindow()) {
            return;
        }
        tellMetaAfterCommit(event.conversationId(), event.wamid(), false);
    }

    @EventHandler
    @DisallowReplay
    void on(ConversationMarkedRead event) {
        tellMetaAfterCommit(event.conversationId(), event.wamid(), event.typing());
    }

    private void tellMetaAfterCommit(ConversationId conversation, String wamid, boolean typing) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> tellMeta(conversation, wamid, typing));
        } else {
            tellMeta(conversation, wamid, typing);
        }
    }

    private void tellMeta(ConversationId conversation, String wamid, boolean typing) {
        inFlight.acquireUninterruptibly();
        try {
            graph.markAsReadAsync(numberOf(conversation), wamid, typing).whenComplete((done, failure) -> {
                inFlight.release();
                if (failure != null) {
                    log.info("Could not mark {} as read: {}", wamid, failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            log.info("Could not mark {} as read: {}", wamid, e.getMessage());
        }
    }

    /** The business number of the conversation (null, the default number, if the directory does not know it). */
    private String numberOf(ConversationId conversation) {
        ContactDirectory.ConversationOwner owner = directory.owner(conversation);
        return owner == null ? null : owner.phoneNumberId();
    }
}
