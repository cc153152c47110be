package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta reported a system change of the customer, such as a new phone number. */
@Revision("1")
public record SystemNoticeReceived(ConversationId conversationId, String wamid, Instant sentAt, String systemType, String body, String newWaId) implements InboundMessageEvent {

    @Override
    public boolean opensWindow() {
        return false;
    }
}
