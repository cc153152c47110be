package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.agent.FindOpenConversationCounts;
import ke.co.datacare.whatsapp.api.agent.OpenConversationCounts;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The load of agents as the inbox shows it: their unresolved conversations. Asked by the agent directory (users
 * and their availability live in the app), so that only the inbox reads its table.
 */
@Component
class AgentLoadQueries {

    private final JdbcTemplate jdbc;

    AgentLoadQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    OpenConversationCounts handle(FindOpenConversationCounts query) {
        Map<String, Integer> counts = new HashMap<>();
        BatchWrites.queryIn(jdbc, "select assignee, count(*) from inbox_conversation where status <> 'resolved' "
                + "group by assignee having assignee in", query.agentIds(),
                rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return new OpenConversationCounts(counts);
    }
}
