package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The customer shared contact cards. */
@Revision("1")
public record ContactCardsReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, @PersonalData List<InboundMessage.ContactCard> cards, MessageContext context, Referral referral) implements InboundMessageEvent {
}
