package ke.co.datacare.whatsapp.chatbot.handoff;

import java.util.List;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;

/** Picks the agent for a conversation: the configured {@link AssignmentPolicy} over the {@link AgentPool}. */
public class AgentAssigner {

    private final AgentPool pool;
    private final AssignmentPolicy policy;

    public AgentAssigner(AgentPool pool, AssignmentPolicy policy) {
        this.pool = pool;
        this.policy = policy;
    }

    /** An available agent other than {@code excludingAgentId} (may be null), if there is one. */
    public Optional<String> pick(String excludingAgentId) {
        List<AgentLoad> candidates = pool.available(excludingAgentId).stream()
                .filter(agent -> !agent.agentId().equals(excludingAgentId))
                .toList();
        return policy.choose(candidates);
    }
}
