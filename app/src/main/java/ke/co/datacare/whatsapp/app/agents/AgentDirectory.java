package ke.co.datacare.whatsapp.app.agents;

import ke.co.datacare.whatsapp.api.agent.AgentList;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;
import ke.co.datacare.whatsapp.api.agent.AgentSummary;
import ke.co.datacare.whatsapp.api.agent.AvailableAgents;
import ke.co.datacare.whatsapp.api.agent.FindAgents;
import ke.co.datacare.whatsapp.api.agent.FindAvailableAgents;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The users who take conversations (agents, and admins who make themselves available), their availability
 * ({@code app_user.available}) and their load: the unresolved conversations assigned to them in the inbox
 * read model. Answers the handoff's queries, so that the bot knows nothing of users.
 */
@Component
class AgentDirectory {

    private static final String LOAD = "(select count(*) from inbox_conversation c where c.assignee = u.id "
            + "and c.status <> 'resolved')";
    private static final String TAKES_CONVERSATIONS = "u.role in ('AGENT', 'ADMIN')";

    private final JdbcTemplate jdbc;

    AgentDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    AvailableAgents handle(FindAvailableAgents query) {
        List<Object> args = new ArrayList<>();
        String excluding = "";
        if (query.excludingAgentId() != null) {
            excluding = " and u.id <> ?";
            args.add(query.excludingAgentId());
        }
        return new AvailableAgents(jdbc.query("select u.id, " + LOAD + " as open_conversations from app_user u where "
                        + TAKES_CONVERSATIONS + " and u.enabled and u.available" + excluding + " order by u.id",
                (rs, i) -> new AgentLoad(rs.getString("id"), rs.getInt("open_conversations")), args.toArray()));
    }

    @QueryHandler
    AgentList handle(FindAgents query) {
        return new AgentList(jdbc.query("select u.id, u.display_name, u.email, u.role, u.enabled, u.available, " + LOAD
                        + " as open_conversations from app_user u where " + TAKES_CONVERSATIONS
                        + (query.includeDisabled() ? "" : " and u.enabled") + " order by u.display_name, u.id",
                (rs, i) -> new AgentSummary(rs.getString("id"), rs.getString("display_name"), rs.getString("email"),
                        rs.getString("role"), rs.getBoolean("enabled"),
                        rs.getBoolean("available") ? AgentsController.AVAILABLE : AgentsController.AWAY,
                        rs.getInt("open_conversations"))));
    }

    /** False when there is no such user. */
    boolean setAvailable(String userId, boolean available) {
        return jdbc.update("update app_user set available = ? where id = ?", available, userId) > 0;
    }
}
