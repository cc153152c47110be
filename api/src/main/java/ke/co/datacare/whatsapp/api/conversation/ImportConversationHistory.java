package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Import one conversation's part of a chunk of the WhatsApp Business app's chat history (Meta's {@code history}
 * webhook, coexistence). {@code chunk} names the chunk ({@code phase/chunk_order}); a chunk is imported once.
 */
public record ImportConversationHistory(@TargetAggregateIdentifier ConversationId conversationId, ContactId contactId,
                                        String phoneNumberId, String chunk, List<HistoricalMessage> messages) {

    /** When the earliest of the messages was sent: when a conversation that history begins started. */
    public static Instant earliest(List<HistoricalMessage> messages) {
        return messages.stream().map(HistoricalMessage::sentAt).min(Instant::compareTo).orElseThrow();
    }

    /** One past message: the customer's, or the business's ({@code fromBusiness}), with its last known status. */
    public record HistoricalMessage(String wamid, boolean fromBusiness, Instant sentAt, InboundMessage content,
                                    String status) {
    }
}
