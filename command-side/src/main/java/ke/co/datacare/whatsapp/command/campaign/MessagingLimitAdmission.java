package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.command.number.MessagingLimit;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static ke.co.datacare.whatsapp.command.campaign.AudienceResolver.chunks;
import static ke.co.datacare.whatsapp.command.campaign.AudienceResolver.marks;

/**
 * Second step of dispatch: which of the next recipients Meta's messaging limit lets through now (those already
 * reached in the last 24 hours, and new ones while room is left), in the caller's transaction, and when room frees up
 * if nobody may go. Workers admit in parallel while the room left exceeds what they can all take in one round
 * ({@code concurrentRoom}); closer to the limit they admit one after the other (a row lock held until the caller's
 * commit, when the recipients they admitted are counted), so the limit is never exceeded.
 */
final class MessagingLimitAdmission {

    /** The recipients that may go now, or, when none may, the time room frees up. */
    record Admission(List<RecipientQueue.Pending> admitted, Instant limitedUntil) {
    }

    private final JdbcTemplate jdbc;
    /** Asked per round: Meta may announce another limit while a campaign runs. */
    private final Supplier<MessagingLimit> limit;
    private final long concurrentRoom;

    MessagingLimitAdmission(JdbcTemplate jdbc, Supplier<MessagingLimit> limit, long concurrentRoom) {
        this.jdbc = jdbc;
        this.limit = limit;
        this.concurrentRoom = concurrentRoom;
    }

    Admission admit(List<RecipientQueue.Pending> pending, Instant now) {
        MessagingLimit current = limit.get();
        if (current.unlimited()) {
            return new Admission(pending, null);
        }
        Timestamp windowStart = Timestamp.from(MessagingLimit.windowStart(now));
        long room = room(current, windowStart);
        if (room < concurrentRoom) {
            jdbc.queryForList("select name from campaign_dispatch_lock where name = 'campaigns' for update", String.class);
            room = room(current, windowStart);
        }
        Set<String> counted = new HashSet<>();
        List<String> contacts = pending.stream().map(RecipientQueue.Pending::contactId).filter(id -> id != null).toList();
        for (List<String> chunk : chunks(contacts)) {
            List<Object> arguments = new ArrayList<>(chunk);
            arguments.add(windowStart);
            counted.addAll(jdbc.queryForList("select contact_id from messaging_limit_recipient where contact_id in ("
                    + marks(chunk) + ") and last_sent_at > ?", String.class, arguments.toArray()));
        }
        List<RecipientQueue.Pending> admitted = new ArrayList<>();
        for (RecipientQueue.Pending recipient : pending) {
            if (counted.contains(recipient.contactId())) {
                admitted.add(recipient);
            } else if (room > 0) {
                room--;
                admitted.add(recipient);
            }
        }
        return new Admission(admitted, admitted.isEmpty() ? freesUpAt(windowStart, now) : null);
    }

    private long room(MessagingLimit limit, Timestamp windowStart) {
        Long reached = jdbc.queryForObject("select count(*) from messaging_limit_recipient where last_sent_at > ?",
                Long.class, windowStart);
        return limit.remaining(reached == null ? 0 : reached);
    }

    private Instant freesUpAt(Timestamp windowStart, Instant now) {
        Timestamp oldest = jdbc.queryForObject("select min(last_sent_at) from messaging_limit_recipient where last_sent_at > ?",
                Timestamp.class, windowStart);
        return MessagingLimit.freesUpAt(oldest == null ? null : oldest.toInstant(), now);
    }
}
