package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer sent an image, video, audio (voice note), document or sticker; the bytes stay at Meta under the media id. */
@Revision("1")
public record MediaMessageReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String mediaType, @PersonalData String mediaId, String mimeType, String sha256, @PersonalData String caption, @PersonalData String filename, boolean voice, boolean animated, MessageContext context, Referral referral) implements InboundMessageEvent {
}
