package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;

import java.time.Instant;

/** What every event of a customer's message has in common. */
public interface InboundMessageEvent {

    ConversationId conversationId();

    String wamid();

    Instant sentAt();

    /** Whether the message opens or resets the 24-hour customer-service window. */
    default boolean opensWindow() {
        return true;
    }
}
