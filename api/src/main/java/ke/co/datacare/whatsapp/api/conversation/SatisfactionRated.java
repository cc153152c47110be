package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The customer answered the survey: {@code rating} from 1 (bad) to 5 (excellent), given by the message {@code wamid}
 * (which is recorded as the customer's message too).
 */
@Revision("1")
public record SatisfactionRated(ConversationId conversationId, String surveyMessageId, String wamid, int rating,
                                Instant ratedAt) {
}
