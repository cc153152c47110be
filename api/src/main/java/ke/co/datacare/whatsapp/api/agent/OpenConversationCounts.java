package ke.co.datacare.whatsapp.api.agent;

import java.util.Map;

/** The answer to {@link FindOpenConversationCounts}: agents without open conversations are left out. */
public record OpenConversationCounts(Map<String, Integer> byAgent) {

    public OpenConversationCounts {
        byAgent = byAgent == null ? Map.of() : Map.copyOf(byAgent);
    }

    public int of(String agentId) {
        return byAgent.getOrDefault(agentId, 0);
    }
}
