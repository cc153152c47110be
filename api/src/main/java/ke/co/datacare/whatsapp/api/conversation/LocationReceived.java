package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer shared a location. */
@Revision("1")
public record LocationReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, @PersonalData double latitude, @PersonalData double longitude, @PersonalData String name, @PersonalData String address, @PersonalData String url, MessageContext context, Referral referral) implements InboundMessageEvent {
}
