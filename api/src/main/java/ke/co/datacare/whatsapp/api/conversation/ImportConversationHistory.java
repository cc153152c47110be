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

    /** One past message: the customer's, or the business's ({@code fromBusiness}), with its last known status. */
    public record HistoricalMessage(String wamid, boolean fromBusiness, Instant sentAt, InboundMessage content,
                                    String status) {
    }
}
