package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The customer sent an order from the catalogue. */
@Revision("1")
public record OrderPlaced(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String catalogId, @PersonalData String text, List<InboundMessage.OrderItem> items, MessageContext context, Referral referral) implements InboundMessageEvent {
}
