package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Close the conversation's current episode. Refused when already resolved.
 *
 * @param survey the satisfaction survey to send with the resolution, or {@code null}
 */
public record ResolveConversation(@TargetAggregateIdentifier ConversationId conversationId, String by, Instant at,
                                  SatisfactionSurvey survey) {

    public ResolveConversation(ConversationId conversationId, String by, Instant at) {
        this(conversationId, by, at, null);
    }
}
