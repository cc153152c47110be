package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer chose a reply button or a list row of an interactive message. */
@Revision("1")
public record InteractiveReplyReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String replyType, String replyId, @PersonalData String title, @PersonalData String description, MessageContext context, Referral referral) implements InboundMessageEvent {
}
