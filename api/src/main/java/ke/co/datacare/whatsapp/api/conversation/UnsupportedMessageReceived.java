package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer sent something the Cloud API does not support (Meta's error code kept). */
@Revision("1")
public record UnsupportedMessageReceived(ConversationId conversationId, String wamid, Instant sentAt, Integer errorCode, String errorTitle) implements InboundMessageEvent {
}
