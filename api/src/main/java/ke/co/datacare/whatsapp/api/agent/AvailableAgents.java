package ke.co.datacare.whatsapp.api.agent;

import java.util.List;

/** The answer to {@link FindAvailableAgents}, ordered by agent id. */
public record AvailableAgents(List<AgentLoad> agents) {

    public AvailableAgents {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
