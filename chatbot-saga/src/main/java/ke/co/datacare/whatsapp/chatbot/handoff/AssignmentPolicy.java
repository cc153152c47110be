package ke.co.datacare.whatsapp.chatbot.handoff;

import java.util.List;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;

/** Which of the available agents gets the next conversation. Deterministic: no randomness, no clock. */
public interface AssignmentPolicy {

    Optional<String> choose(List<AgentLoad> available);

    enum Kind {
        ROUND_ROBIN, LEAST_OPEN_CONVERSATIONS;

        AssignmentPolicy create() {
            return this == ROUND_ROBIN ? new RoundRobinAssignment() : new LeastOpenConversationsAssignment();
        }
    }
}
