package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@link OpenConversation} and {@link SendMessage} in one command, for a first message to a contact (a campaign's
 * template to a new number): one command and one aggregate load instead of two. Refused as the message would be, and
 * then the conversation is not opened either. {@code message} names the same conversation.
 */
public record OpenConversationAndSend(@TargetAggregateIdentifier ConversationId conversationId, ContactId contactId,
                                      String phoneNumberId, SendMessage message) {
}
