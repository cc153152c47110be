package ke.co.datacare.whatsapp.api.agent;

import java.util.List;

/** The answer to {@link FindAgents}. */
public record AgentList(List<AgentSummary> agents) {

    public AgentList {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
