package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer completed a WhatsApp Flow (nfm_reply); its answers are kept as JSON. */
@Revision("1")
public record FlowResponseReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String name, @PersonalData String body, @PersonalData String responseJson, MessageContext context, Referral referral) implements InboundMessageEvent {
}
