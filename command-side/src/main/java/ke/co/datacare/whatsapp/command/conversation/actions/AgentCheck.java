package ke.co.datacare.whatsapp.command.conversation.actions;

import ke.co.datacare.whatsapp.api.agent.AgentList;
import ke.co.datacare.whatsapp.api.agent.FindAgents;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Whether a user may be given conversations, asked of the users' owner (the app) by query. */
@Component
class AgentCheck {

    private final QueryGateway queries;

    AgentCheck(QueryGateway queries) {
        this.queries = queries;
    }

    void requireAssignable(String agentId) {
        AgentList agents = queries.query(new FindAgents(false), AgentList.class).join();
        if (agents.agents().stream().noneMatch(agent -> agent.id().equals(agentId))) {
            throw ConversationActionsController.invalid("agentId", "no enabled agent or admin with id " + agentId);
        }
    }
}
