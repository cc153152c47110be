package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Add a private note for the team, never sent to the customer; {@code noteId} is chosen by the caller. */
public record AddNote(@TargetAggregateIdentifier ConversationId conversationId, String noteId, String authorId,
                      String text, Instant at) {
}
