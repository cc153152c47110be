package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer shared a location. */
@Revision("1")
public record LocationReceived(ConversationId conversationId, String wamid, Instant sentAt, double latitude, double longitude, String name, String address, String url, MessageContext context, Referral referral) implements InboundMessageEvent {
}
