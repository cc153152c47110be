package ke.co.datacare.whatsapp.api.agent;

/**
 * A user who can take conversations: {@code status} is {@code available} or {@code away}; {@code openConversations}
 * counts the unresolved conversations assigned to them.
 */
public record AgentSummary(String id, String name, String email, String role, boolean enabled, String status,
                           int openConversations) {
}
