package ke.co.datacare.whatsapp.api.agent;

/** An agent (user id) and how many open conversations they hold. */
public record AgentLoad(String agentId, int openConversations) {
}
