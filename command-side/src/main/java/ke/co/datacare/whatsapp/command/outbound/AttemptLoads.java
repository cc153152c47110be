package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static java.util.stream.Collectors.joining;

/**
 * The sender's loading step: what it needs to make the attempts handed over, from {@code outbound_message} in one read
 * per batch and the recipients' WhatsApp ids from {@code contact_identity} in one more. An attempt that is no longer
 * due (answered, or a newer one claimed, or claimed and not yet unanswered for long) is left out.
 */
final class AttemptLoads {

    /**
     * The sends loaded, in hand-over order; the message ids among them whose content read erased (their contact is
     * gone: claimed to be abandoned); and the message ids handed over that are not due.
     */
    record Loaded(List<OutboundSender.Send> sends, Set<String> erased, Set<String> notDue) {

        static final Loaded NONE = new Loaded(List.of(), Set.of(), Set.of());
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration unansweredAfter;

    AttemptLoads(JdbcTemplate jdbc, ObjectMapper json, Clock clock, Duration unansweredAfter) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.unansweredAfter = unansweredAfter;
    }

    Loaded load(List<OutboundSender.Attempt> attempts) {
        if (attempts.isEmpty()) {
            return Loaded.NONE;
        }
        Map<String, Integer> wanted = new HashMap<>();
        attempts.forEach(attempt -> wanted.put(attempt.messageId(), attempt.attempt()));
        String marks = attempts.stream().map(attempt -> "?").collect(joining(","));
        Map<String, OutboundSender.Send> loaded = new HashMap<>();
        Set<String> erased = new HashSet<>();
        List<String> contacts = new ArrayList<>();
        jdbc.query("select message_id, conversation_id, contact_id, phone_number_id, content_json, reply_to_wamid, "
                + "sent_by, wamid, attempts, claimed_at, answered_at from outbound_message where message_id in (" + marks + ")", rs -> {
            String messageId = rs.getString("message_id");
            int attempt = wanted.get(messageId);
            boolean unanswered = rs.getTimestamp("answered_at") == null && rs.getTimestamp("claimed_at") != null
                    && rs.getTimestamp("claimed_at").toInstant().isBefore(clock.instant().minus(unansweredAfter));
            if (rs.getString("wamid") != null || rs.getInt("attempts") > attempt
                    || (rs.getInt("attempts") == attempt && !unanswered)) {
                return;
            }
            contacts.add(rs.getString("contact_id"));
            if (OutboundMessageErasure.ERASED_CONTENT.equals(rs.getString("content_json"))) {
                erased.add(messageId);
            }
            loaded.put(messageId, new OutboundSender.Send(messageId, attempt, rs.getString("conversation_id"),
                    rs.getString("contact_id"), rs.getString("phone_number_id"), null,
                    content(messageId, rs.getString("content_json")), rs.getString("reply_to_wamid"),
                    rs.getString("sent_by").startsWith("campaign:") ? TrafficClass.CAMPAIGN : TrafficClass.CONVERSATION));
        }, wanted.keySet().toArray());
        Set<String> notDue = new HashSet<>(wanted.keySet());
        notDue.removeAll(loaded.keySet());
        // lines are keyed by recipient, so the recipient is known before a send joins one; they line up in the order
        // they were handed over (the order their events committed), not the order the rows came back in
        Map<String, String> recipients = recipients(contacts);
        return new Loaded(inHandOverOrder(attempts, loaded).stream()
                .map(send -> send.withRecipient(recipients.get(send.contactId()))).toList(), erased, notDue);
    }

    /**
     * The loaded sends in the order their attempts were handed over, which is the order their events committed: a
     * recipient's line must follow it (a bot's greeting before its menu), whatever order the rows were read in.
     */
    static List<OutboundSender.Send> inHandOverOrder(List<OutboundSender.Attempt> handedOver,
                                                     Map<String, OutboundSender.Send> loaded) {
        return handedOver.stream().map(attempt -> loaded.get(attempt.messageId())).filter(Objects::nonNull).distinct()
                .toList();
    }

    /** The WhatsApp id to send to per contact: the phone number, else the business-scoped user id. */
    private Map<String, String> recipients(Collection<String> contactIds) {
        List<String> distinct = contactIds.stream().distinct().toList();
        Map<String, String> byContact = new HashMap<>();
        if (distinct.isEmpty()) {
            return byContact;
        }
        jdbc.query("select contact_id, identity from contact_identity where contact_id in ("
                + distinct.stream().map(id -> "?").collect(joining(",")) + ") order by identity desc", rs -> {
            String contact = rs.getString(1);
            String identity = rs.getString(2);
            if (identity.startsWith("wa_id:")) {
                byContact.put(contact, identity.substring(6));
            } else if (identity.startsWith("user_id:")) {
                byContact.putIfAbsent(contact, identity.substring(8));
            }
        }, distinct.toArray());
        return byContact;
    }

    private OutboundContent content(String messageId, String stored) {
        try {
            return json.readValue(stored, OutboundContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content of " + messageId + " is not readable", e);
        }
    }
}
