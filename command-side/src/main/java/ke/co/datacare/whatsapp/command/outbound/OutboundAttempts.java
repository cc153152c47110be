package ke.co.datacare.whatsapp.command.outbound;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A command-side lookup of the outbound path for those who hand it messages: which of their messages the sender has
 * attempted (claimed right before the call to Meta) or Meta accepted, and which Meta has answered. Read from the outbound
 * path's own table, so nobody else names it; the attempts this instance's sender claimed are also known in memory
 * ({@link #attemptedHere}), so that those who follow their messages closely need not ask the database every time. With them it keeps how long each waited at the sender for Meta's rate (the throttle's
 * permit, the pair limit, a free slot among the requests in flight), so that pacing can tell the time the outbound
 * path took from the time the rate made a message wait ({@link #waitedForRate}).
 */
@Component
public class OutboundAttempts {

    private static final int CHUNK = 500;
    /** Claims remembered in memory at most; the oldest are forgotten first (they are in the table anyway). */
    private static final int REMEMBERED = 200_000;

    private final JdbcTemplate jdbc;
    /** Claimed by this instance's sender: message id -> nanoseconds it waited for the rate before its claim. */
    private final Map<String, Long> claimedHere = new ConcurrentHashMap<>();
    private final Queue<String> claimOrder = new ConcurrentLinkedQueue<>();

    OutboundAttempts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Told by this instance's sender, once its claim of these messages' attempts committed, with the nanoseconds each
     * waited for the rate before it.
     */
    void claimed(Map<String, Long> waitedForRate) {
        waitedForRate.forEach((id, waited) -> {
            if (claimedHere.put(id, waited) == null) {
                claimOrder.add(id);
            }
        });
        while (claimedHere.size() > REMEMBERED) {
            String oldest = claimOrder.poll();
            if (oldest == null) {
                break;
            }
            claimedHere.remove(oldest);
        }
    }

    /**
     * Of these message ids, those whose attempt this instance's sender claimed (in memory, no database round trip);
     * attempts claimed by another instance are found only by {@link #attempted}.
     */
    public Set<String> attemptedHere(Collection<String> messageIds) {
        Set<String> found = new HashSet<>();
        for (String id : messageIds) {
            if (claimedHere.containsKey(id)) {
                found.add(id);
            }
        }
        return found;
    }

    /**
     * How long this instance's sender held the message back for Meta's rate before claiming it, in nanoseconds: from
     * the moment it was ready to go (loaded, first of its recipient's line) to the claim; 0 when not known here.
     */
    public long waitedForRate(String messageId) {
        return claimedHere.getOrDefault(messageId, 0L);
    }

    /** Of these message ids, those attempted at least once (or accepted by Meta). */
    public Set<String> attempted(Collection<String> messageIds) {
        return matching(messageIds, "attempts > 0 or wamid is not null");
    }

    /**
     * Of these message ids, those whose attempt Meta has not answered yet: not written down by the outbound path, not
     * claimed, or claimed and still in flight.
     */
    public List<String> unanswered(Collection<String> messageIds) {
        Set<String> answered = matching(messageIds, "answered_at is not null or wamid is not null");
        List<String> unanswered = new ArrayList<>();
        for (String id : messageIds) {
            if (!answered.contains(id)) {
                unanswered.add(id);
            }
        }
        return unanswered;
    }

    private Set<String> matching(Collection<String> messageIds, String condition) {
        Set<String> found = new HashSet<>();
        List<String> ids = List.copyOf(messageIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            found.addAll(jdbc.queryForList("select message_id from outbound_message where message_id in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") and (" + condition + ")",
                    String.class, chunk.toArray()));
        }
        return found;
    }
}
