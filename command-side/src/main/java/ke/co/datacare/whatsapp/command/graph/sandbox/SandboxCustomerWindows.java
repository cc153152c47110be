package ke.co.datacare.whatsapp.command.graph.sandbox;

import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Meta knows of the 24-hour customer-service windows: when each customer last wrote (by Meta's timestamp of
 * their message), learnt as the messages are recorded (a subscribing handler, in the transaction of their events).
 * Remembers the most recent {@value #CAPACITY} conversations since the sandbox started; without the service's
 * contact directory (the sandbox on its own) it does not know who is who, and every window counts as open.
 */
@ProcessingGroup("command-lookups")
public class SandboxCustomerWindows {

    static final int CAPACITY = 100_000;

    /** The conversation between a business number and a customer (phone number or business-scoped id), if known. */
    @FunctionalInterface
    public interface Conversations {
        Optional<String> of(String phoneNumberId, String whatsAppId);
    }

    private final Conversations conversations;
    private final Map<String, Instant> lastWrote = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    });

    public SandboxCustomerWindows(Conversations conversations) {
        this.conversations = conversations;
    }

    @EventHandler
    void on(InboundMessageEvent event) {
        if (event.opensWindow()) {
            lastWrote.merge(event.conversationId().value(), event.sentAt(),
                    (known, written) -> written.isAfter(known) ? written : known);
        }
    }

    /** Whether the customer {@code whatsAppId} wrote to {@code phoneNumberId} in the 24 hours before {@code now}. */
    boolean isOpen(String phoneNumberId, String whatsAppId, Instant now) {
        if (conversations == null) {
            return true;
        }
        return conversations.of(phoneNumberId, whatsAppId)
                .map(conversation -> CustomerServiceWindow.isOpen(lastWrote.get(conversation), now))
                .orElse(false);
    }
}
