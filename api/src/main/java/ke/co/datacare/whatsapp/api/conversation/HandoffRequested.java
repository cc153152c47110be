package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The bot handed the conversation to people: it waits for an agent. {@code reason} is why
 * ({@code INTENT_NEEDS_HUMAN}, {@code CUSTOMER_ASKED_FOR_HUMAN}, {@code NOT_UNDERSTOOD}, {@code OUTSIDE_BUSINESS_HOURS},
 * {@code ARRIVED_LATE}: the message reached us late, {@code WINDOW_CLOSED_TEMPLATE_NEEDED}: it reached us after the
 * 24-hour window closed, so only a template can answer). {@code at} is when the bot decided (the processing time).
 */
@Revision("1")
public record HandoffRequested(ConversationId conversationId, String reason, Instant at) {
}
