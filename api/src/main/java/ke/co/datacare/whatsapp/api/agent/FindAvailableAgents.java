package ke.co.datacare.whatsapp.api.agent;

/**
 * Which agents may take a conversation now (enabled, marked available), each with their open conversations;
 * {@code excludingAgentId} (may be null) is left out, e.g. the agent who did not answer in time.
 */
public record FindAvailableAgents(String excludingAgentId) {
}
