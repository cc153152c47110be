package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer tapped a quick-reply button of a template. */
@Revision("1")
public record QuickReplyButtonPressed(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String payload, @PersonalData String text, MessageContext context, Referral referral) implements InboundMessageEvent {
}
