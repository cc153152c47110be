package ke.co.datacare.whatsapp.query.admin;

import org.axonframework.common.DateTimeUtils;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Which stored events to export: {@code from} inclusive, {@code to} exclusive, {@code type} as simple or
 * fully qualified class name. The store keeps timestamps as ISO-8601 strings of fixed width (always
 * three fraction digits, UTC), so bounds formatted the same way compare correctly as strings. {@code subjects}, when
 * not null, keeps the events of those aggregates only (a pseudonym's contact and conversations; empty: none).
 */
record EventFilter(Instant from, Instant to, String type, String aggregateId, Set<String> subjects) {

    EventFilter(Instant from, Instant to, String type, String aggregateId) {
        this(from, to, type, aggregateId, null);
    }

    private static final String COLUMNS = "select global_index, time_stamp, aggregate_identifier, sequence_number, "
            + "payload_type, payload_revision, payload from domain_event_entry";

    String sql(List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add("time_stamp >= ?");
            args.add(storeFormat(from));
        }
        if (to != null) {
            conditions.add("time_stamp < ?");
            args.add(storeFormat(to));
        }
        if (aggregateId != null && !aggregateId.isBlank()) {
            conditions.add("aggregate_identifier = ?");
            args.add(aggregateId);
        }
        if (subjects != null) {
            conditions.add(subjects.isEmpty() ? "1 = 0" : "aggregate_identifier in ("
                    + String.join(", ", Collections.nCopies(subjects.size(), "?")) + ")");
            args.addAll(subjects);
        }
        if (type != null && !type.isBlank()) {
            conditions.add("(payload_type = ? or payload_type like ? escape '!')");
            args.add(type);
            args.add("%." + type.replace("!", "!!").replace("%", "!%").replace("_", "!_"));
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return COLUMNS + where + " order by global_index";
    }

    static String storeFormat(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return DateTimeUtils.formatInstant(millis.equals(instant) ? millis : millis.plusMillis(1));
    }
}
