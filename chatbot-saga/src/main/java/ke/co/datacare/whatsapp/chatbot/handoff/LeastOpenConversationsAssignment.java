package ke.co.datacare.whatsapp.chatbot.handoff;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;

/**
 * The agent with the fewest open conversations; among equals the one this policy chose least recently, then
 * by id. The loads come from the inbox read model, which trails the events a little, so during a burst of
 * handoffs the "least recently chosen" rule spreads conversations that the loads do not show yet.
 */
public final class LeastOpenConversationsAssignment implements AssignmentPolicy {

    private final Map<String, Long> chosenAt = new HashMap<>();
    private long turns;

    @Override
    public synchronized Optional<String> choose(List<AgentLoad> available) {
        Optional<String> chosen = available.stream()
                .min(Comparator.comparingInt(AgentLoad::openConversations)
                        .thenComparingLong(agent -> chosenAt.getOrDefault(agent.agentId(), -1L))
                        .thenComparing(AgentLoad::agentId))
                .map(AgentLoad::agentId);
        chosen.ifPresent(agent -> chosenAt.put(agent, turns++));
        return chosen;
    }
}
