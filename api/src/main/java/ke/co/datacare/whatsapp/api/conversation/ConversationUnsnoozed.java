package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A snoozed conversation is back where it was before (with the bot, waiting, or with its agent).
 * {@code cause} is {@code time}, {@code customer-message} or {@code agent:<userId>}.
 */
@Revision("1")
public record ConversationUnsnoozed(ConversationId conversationId, String cause, Instant at) {
}
