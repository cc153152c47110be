package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A message of ours was accepted for sending; dispatch to Meta follows. */
@Revision("1")
public record OutboundMessageQueued(ConversationId conversationId, ContactId contactId, String phoneNumberId, String messageId, OutboundContent content, String replyToWamid, String sentBy, Instant queuedAt) {

    /**
     * The conversation when an agent sent the message, else {@code null}: what the handoff saga associates on, so the
     * bot's and campaigns' sends do not load and store the saga (an agent's answer is all it waits for). Not a record
     * component: not serialized.
     */
    public ConversationId agentConversationId() {
        return sentBy != null && sentBy.startsWith("agent:") ? conversationId : null;
    }
}
