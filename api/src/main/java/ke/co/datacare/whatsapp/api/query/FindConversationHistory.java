package ke.co.datacare.whatsapp.api.query;

import java.time.Instant;

/** A conversation and its timeline as this service knew them at {@code asOf}, rebuilt from its events. */
public record FindConversationHistory(String conversationId, Instant asOf) {
}
