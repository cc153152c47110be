package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An agent gave the conversation back to the bot, which answers the customer's next message. */
@Revision("1")
public record ConversationHandedBackToBot(ConversationId conversationId, String by, Instant at) {
}
