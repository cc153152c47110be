package ke.co.datacare.whatsapp.query.readmodel;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The move from the three processing groups the read models had before ({@code inbox}, {@code analytics},
 * {@code campaigns}, each with its own tokens) to {@link ReadModels#GROUP}. On its first start the new group begins
 * at the lowest position any of them had reached, and each projection skips the events its former group had already
 * applied (the old token of the segment the event belonged to covers it), so nothing is applied twice and nothing is
 * missed. The old token rows are read, never claimed; they are deleted once the new group is past all of them (at a
 * start, or by a replay or a bulk rebuild, which start the tables afresh). Replayed events (a replay, a rebuild) are
 * never skipped.
 */
@Component
public class LegacyTokenHandover {

    private static final Logger log = LoggerFactory.getLogger(LegacyTokenHandover.class);

    /** The former groups and the projections each one held, by simple class name. */
    static final Map<String, Set<String>> FORMER_GROUPS = Map.of(
            "inbox", Set.of("ContactViewProjection", "InboxConversationProjection", "MessageStatusProjection",
                    "TimelineProjection"),
            "analytics", Set.of("AnalyticsProjection", "ConversationTimesProjection"),
            "campaigns", Set.of("CampaignProjection"));

    private static final String NAMES = "'inbox', 'analytics', 'campaigns'";

    private final JdbcTemplate jdbc;
    private final ObjectProvider<Serializer> serializer;
    private volatile State state;

    LegacyTokenHandover(JdbcTemplate jdbc, ObjectProvider<Serializer> serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Where the new group starts when it has no tokens yet: the lowest position of the former groups, if any. */
    public Optional<TrackingToken> initialToken() {
        State current = state();
        if (current.lowest != null) {
            log.info("The {} processor starts after event {}, the lowest position of the former processing groups; "
                    + "each projection skips what its former group applied, up to event {}", ReadModels.GROUP,
                    current.lowest.position().orElse(0), current.highest);
        }
        return Optional.ofNullable(current.lowest);
    }

    /** Whether {@code projection} had applied {@code event} under its former processing group. */
    public boolean alreadyApplied(Class<?> projection, TrackedEventMessage<?> event) {
        State current = state();
        long position = event.trackingToken().position().orElse(Long.MAX_VALUE);
        if (position > current.highest || ReplayToken.isReplay(event)) {
            return false;
        }
        List<FormerSegment> segments = current.byProjection.get(projection.getSimpleName());
        if (segments == null) {
            return false;
        }
        int hash = Objects.hashCode(event instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : event.getIdentifier());
        for (FormerSegment segment : segments) {
            if (segment.segment.matches(hash)) {
                return segment.covers(position);
            }
        }
        return false;
    }

    /** Forgets the former groups: their token rows go, in the caller's transaction if it has one. */
    public void finish() {
        int deleted = jdbc.update("delete from token_entry where processor_name in (" + NAMES + ")");
        state = State.NONE;
        if (deleted > 0) {
            log.info("Deleted the {} token rows of the former read-model processing groups", deleted);
        }
    }

    private State state() {
        State current = state;
        if (current == null) {
            synchronized (this) {
                if (state == null) {
                    state = load();
                }
                current = state;
            }
        }
        return current;
    }

    private State load() {
        List<Row> rows = jdbc.query("select processor_name, segment, token, token_type from token_entry "
                + "where processor_name in (" + NAMES + ", ?)", (rs, i) -> new Row(rs.getString(1), rs.getInt(2),
                applied(rs.getBytes(3), rs.getString(4))), ReadModels.GROUP);
        Map<String, List<Row>> byGroup = new HashMap<>();
        rows.forEach(row -> byGroup.computeIfAbsent(row.group, ignored -> new ArrayList<>()).add(row));
        List<Row> current = byGroup.remove(ReadModels.GROUP);
        if (byGroup.isEmpty()) {
            return State.NONE;
        }
        State state = State.of(byGroup);
        if (current != null && current.stream().allMatch(row -> row.applied != null
                && row.applied.position().orElse(-1) >= state.highest)) {
            finish();
            return State.NONE;
        }
        return state;
    }

    /** The position a stored token says was applied: a replay's current position, nothing for no token. */
    private TrackingToken applied(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken stored = serializer.getObject().deserialize(
                new SimpleSerializedObject<>(token, byte[].class, type, null));
        return stored instanceof ReplayToken replay ? replay.getCurrentToken() : stored;
    }

    private record Row(String group, int segment, TrackingToken applied) {
    }

    private record FormerSegment(Segment segment, TrackingToken applied) {

        /** Whether the event at {@code position} was applied: up to the token's index, and not one of its gaps. */
        boolean covers(long position) {
            if (applied instanceof GapAwareTrackingToken gapAware) {
                return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
            }
            return applied != null && applied.position().orElse(-1) >= position;
        }
    }

    /** The former groups' segments by projection, the lowest position of all and the highest. */
    private record State(Map<String, List<FormerSegment>> byProjection, TrackingToken lowest, long highest) {

        static final State NONE = new State(Map.of(), null, -1);

        static State of(Map<String, List<Row>> byGroup) {
            Map<String, List<FormerSegment>> byProjection = new HashMap<>();
            TrackingToken lowest = null;
            boolean fromTheStart = false;
            long highest = -1;
            for (Map.Entry<String, List<Row>> group : byGroup.entrySet()) {
                int[] ids = group.getValue().stream().mapToInt(Row::segment).toArray();
                List<FormerSegment> segments = group.getValue().stream()
                        .map(row -> new FormerSegment(Segment.computeSegment(row.segment, ids), row.applied)).toList();
                FORMER_GROUPS.getOrDefault(group.getKey(), Set.of())
                        .forEach(projection -> byProjection.put(projection, segments));
                for (Row row : group.getValue()) {
                    if (row.applied == null) {
                        fromTheStart = true;
                        continue;
                    }
                    lowest = lowest == null ? row.applied : lowest.lowerBound(row.applied);
                    highest = Math.max(highest, row.applied.position().orElse(-1));
                }
            }
            return new State(byProjection, fromTheStart ? null : lowest, highest);
        }
    }
}
