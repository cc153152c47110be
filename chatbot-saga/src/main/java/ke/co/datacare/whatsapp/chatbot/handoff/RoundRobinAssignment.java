package ke.co.datacare.whatsapp.chatbot.handoff;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.agent.AgentLoad;

/** Agents in turn, in id order: the next after the one chosen last, wrapping around; load plays no part. */
public final class RoundRobinAssignment implements AssignmentPolicy {

    private String last;

    @Override
    public synchronized Optional<String> choose(List<AgentLoad> available) {
        List<String> ids = available.stream().map(AgentLoad::agentId).sorted(Comparator.naturalOrder()).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        String next = ids.stream().filter(id -> last == null || id.compareTo(last) > 0).findFirst().orElse(ids.get(0));
        last = next;
        return Optional.of(next);
    }
}
