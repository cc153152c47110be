package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An agent resolved the conversation and the customer was asked to rate the help (at most once per episode).
 *
 * @param surveyMessageId our message that carries the survey
 * @param agent           who resolved it ({@code agent:<username>})
 * @param handoffReason   why the conversation went to a person last, when it did
 */
@Revision("1")
public record SatisfactionSurveySent(ConversationId conversationId, String surveyMessageId, String agent,
                                     String handoffReason, Instant at) {
}
