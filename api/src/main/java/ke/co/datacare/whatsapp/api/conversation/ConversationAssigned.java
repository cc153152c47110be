package ke.co.datacare.whatsapp.api.conversation;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An agent holds the conversation now. {@code by} is {@code agent:<userId>} when a person assigned it,
 * {@code handoff} when the assignment policy chose the agent after a handoff, {@code sla} when the previous
 * agent did not answer in time.
 */
@Revision("1")
public record ConversationAssigned(ConversationId conversationId, String agentId, String by, Instant at) {
}
