package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Someone on our side read the conversation up to the customer's message {@code wamid}; {@code typing} when they
 * also showed the customer a typing indicator. Meta is told after the event is stored.
 */
@Revision("1")
public record ConversationMarkedRead(ConversationId conversationId, String wamid, boolean typing, String by, Instant at) {
}
