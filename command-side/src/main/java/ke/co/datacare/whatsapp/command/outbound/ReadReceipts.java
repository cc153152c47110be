package ke.co.datacare.whatsapp.command.outbound;

import java.util.concurrent.Semaphore;
import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
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
 * whenever an agent marks a conversation read or shows a typing indicator. Best effort: a failure is logged,
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
    private final boolean enabled;
    private final Semaphore inFlight;

    ReadReceipts(GraphApiClient graph, @Value("${datacare.whatsapp.mark-as-read:true}") boolean enabled,
                 @Value("${datacare.whatsapp.read-receipts-in-flight:256}") int maxInFlight) {
        this.graph = graph;
        this.enabled = enabled;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @EventHandler
    @DisallowReplay
    void on(InboundMessageEvent event) {
        if (!enabled || !event.opensWindow()) {
            return;
        }
        tellMetaAfterCommit(event.wamid(), false);
    }

    @EventHandler
    @DisallowReplay
    void on(ConversationMarkedRead event) {
        tellMetaAfterCommit(event.wamid(), event.typing());
    }

    private void tellMetaAfterCommit(String wamid, boolean typing) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> tellMeta(wamid, typing));
        } else {
            tellMeta(wamid, typing);
        }
    }

    private void tellMeta(String wamid, boolean typing) {
        inFlight.acquireUninterruptibly();
        try {
            graph.markAsReadAsync(wamid, typing).whenComplete((done, failure) -> {
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
}
