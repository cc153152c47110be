package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.protection.DataSubject;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta reported a system change of the customer, such as a new phone number. */
@Revision("1")
public record SystemNoticeReceived(@DataSubject ConversationId conversationId, String wamid, Instant sentAt, String systemType, @PersonalData String body, @PersonalData String newWaId) implements InboundMessageEvent {

    @Override
    public boolean opensWindow() {
        return false;
    }
}
