package ke.co.datacare.whatsapp.chatbot.handoff;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;
import ke.co.datacare.whatsapp.api.agent.AvailableAgents;
import ke.co.datacare.whatsapp.api.agent.FindAvailableAgents;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks whoever owns the users ({@link FindAvailableAgents}, answered by the app) over the query bus. */
class QueryAgentPool implements AgentPool {

    private static final Logger log = LoggerFactory.getLogger(QueryAgentPool.class);

    private final QueryGateway queries;
    private final Duration timeout;

    QueryAgentPool(QueryGateway queries, Duration timeout) {
        this.queries = queries;
        this.timeout = timeout;
    }

    @Override
    public List<AgentLoad> available(String excludingAgentId) {
        try {
            AvailableAgents answer = queries.query(new FindAvailableAgents(excludingAgentId), AvailableAgents.class)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer == null ? List.of() : answer.agents();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not find the available agents, treating nobody as available: {}", e.toString());
            return List.of();
        }
    }
}
