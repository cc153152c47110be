package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.protection.ContainsPersonalData;
import ke.co.datacare.whatsapp.api.protection.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A message of ours was accepted for sending; dispatch to Meta follows. What it says to the contact (texts, captions,
 * template parameters) is the contact's personal data, encrypted with the contact's key.
 */
@Revision("1")
public record OutboundMessageQueued(ConversationId conversationId, @DataSubject ContactId contactId, String phoneNumberId, String messageId, @ContainsPersonalData OutboundContent content, String replyToWamid, String sentBy, Instant queuedAt) {

    /**
     * The conversation when an agent sent the message, else {@code null}: what the handoff saga associates on, so the
     * bot's and campaigns' sends do not load and store the saga (an agent's answer is all it waits for). Not a record
     * component: not serialized.
     */
    public ConversationId agentConversationId() {
        return sentBy != null && sentBy.startsWith("agent:") ? conversationId : null;
    }
}
