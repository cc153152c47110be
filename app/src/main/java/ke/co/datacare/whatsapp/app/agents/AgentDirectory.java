package ke.co.datacare.whatsapp.app.agents;

import ke.co.datacare.whatsapp.api.agent.AgentList;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;
import ke.co.datacare.whatsapp.api.agent.AgentSummary;
import ke.co.datacare.whatsapp.api.agent.AvailableAgents;
import ke.co.datacare.whatsapp.api.agent.FindAgents;
import ke.co.datacare.whatsapp.api.agent.FindAvailableAgents;
import ke.co.datacare.whatsapp.api.agent.FindOpenConversationCounts;
import ke.co.datacare.whatsapp.api.agent.OpenConversationCounts;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The users who take conversations (agents, and admins who make themselves available), their availability
 * ({@code app_user.available}) and their load: the unresolved conversations assigned to them, which the inbox
 * answers ({@link FindOpenConversationCounts}). Answers the handoff's queries, so that the bot knows nothing of users.
 */
@Component
class AgentDirectory {

    private static final String TAKES_CONVERSATIONS = "u.role in ('AGENT', 'ADMIN')";

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;

    AgentDirectory(JdbcTemplate jdbc, QueryGateway queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    @QueryHandler
    AvailableAgents handle(FindAvailableAgents query) {
        List<Object> args = new ArrayList<>();
        String excluding = "";
        if (query.excludingAgentId() != null) {
            excluding = " and u.id <> ?";
            args.add(query.excludingAgentId());
        }
        List<String> ids = jdbc.queryForList("select u.id from app_user u where " + TAKES_CONVERSATIONS
                + " and u.enabled and u.available" + excluding + " order by u.id", String.class, args.toArray());
        OpenConversationCounts load = load(ids);
        return new AvailableAgents(ids.stream().map(id -> new AgentLoad(id, load.of(id))).toList());
    }

    @QueryHandler
    AgentList handle(FindAgents query) {
        List<AgentSummary> agents = jdbc.query("select u.id, u.display_name, u.email, u.role, u.enabled, u.available "
                        + "from app_user u where " + TAKES_CONVERSATIONS + (query.includeDisabled() ? "" : " and u.enabled")
                        + " order by u.display_name, u.id",
                (rs, i) -> new AgentSummary(rs.getString("id"), rs.getString("display_name"), rs.getString("email"),
                        rs.getString("role"), rs.getBoolean("enabled"),
                        rs.getBoolean("available") ? AgentsController.AVAILABLE : AgentsController.AWAY, 0));
        OpenConversationCounts load = load(agents.stream().map(AgentSummary::id).toList());
        return new AgentList(agents.stream().map(agent -> new AgentSummary(agent.id(), agent.name(), agent.email(),
                agent.role(), agent.enabled(), agent.status(), load.of(agent.id()))).toList());
    }

    private OpenConversationCounts load(List<String> agentIds) {
        if (agentIds.isEmpty()) {
            return new OpenConversationCounts(null);
        }
        return queries.query(new FindOpenConversationCounts(agentIds), OpenConversationCounts.class).join();
    }

    /** False when there is no such user. */
    boolean setAvailable(String userId, boolean available) {
        return jdbc.update("update app_user set available = ? where id = ?", available, userId) > 0;
    }
}
