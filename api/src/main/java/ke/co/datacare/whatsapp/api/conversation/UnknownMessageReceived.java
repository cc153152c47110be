package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer sent a kind of message this service does not know yet; kept with its raw JSON. */
@Revision("1")
public record UnknownMessageReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String type, @PersonalData String rawJson, MessageContext context, Referral referral) implements InboundMessageEvent {
}
