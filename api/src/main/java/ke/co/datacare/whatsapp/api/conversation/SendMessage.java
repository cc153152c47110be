package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Send a message to the conversation's contact. {@code messageId} is ours, chosen by the caller; {@code sentBy} is {@code agent:<userId>}, {@code bot}, {@code campaign:<id>} or {@code api:<userId>}. */

public record SendMessage(@TargetAggregateIdentifier ConversationId conversationId, String messageId, OutboundContent content, String replyToWamid, String sentBy, boolean marketing, boolean contactOptedOut, Instant requestedAt) {
}
