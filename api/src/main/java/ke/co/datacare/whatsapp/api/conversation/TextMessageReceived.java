package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer sent a text. */
@Revision("1")
public record TextMessageReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, @PersonalData String body, MessageContext context, Referral referral) implements InboundMessageEvent {
}
