package ke.co.datacare.whatsapp.api.agent;

import java.util.List;

/** How many unresolved conversations the inbox shows assigned to each of {@code agentIds}. */
public record FindOpenConversationCounts(List<String> agentIds) {

    public FindOpenConversationCounts {
        agentIds = agentIds == null ? List.of() : List.copyOf(agentIds);
    }
}
