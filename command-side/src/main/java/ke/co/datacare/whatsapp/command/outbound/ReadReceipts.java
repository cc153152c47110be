package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.conversation.ConversationMarkedRead;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Marks customers' messages as read on Meta's side (blue ticks), after they are stored and off the
 * webhook's request thread: each one as it arrives unless {@code datacare.whatsapp.mark-as-read=false}, and
 * whenever an agent marks a conversation read or shows a typing indicator. Best effort: a failure is logged,
 * never retried, and never replayed.
 */
@Component
@ProcessingGroup(ReadReceipts.GROUP)
class ReadReceipts {

    static final String GROUP = "read-receipts";
    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    private final GraphApiClient graph;
    private final boolean enabled;

    ReadReceipts(GraphApiClient graph, @Value("${datacare.whatsapp.mark-as-read:true}") boolean enabled) {
        this.graph = graph;
        this.enabled = enabled;
    }

    @EventHandler
    @DisallowReplay
    void on(InboundMessageEvent event) {
        if (!enabled || !event.opensWindow()) {
            return;
        }
        tellMeta(event.wamid(), false);
    }

    @EventHandler
    @DisallowReplay
    void on(ConversationMarkedRead event) {
        tellMeta(event.wamid(), event.typing());
    }

    private void tellMeta(String wamid, boolean typing) {
        try {
            graph.markAsRead(wamid, typing);
        } catch (RuntimeException e) {
            log.info("Could not mark {} as read: {}", wamid, e.getMessage());
        }
    }
}
