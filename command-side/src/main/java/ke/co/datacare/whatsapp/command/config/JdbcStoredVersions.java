package ke.co.datacare.whatsapp.command.config;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StoredVersions} of the JDBC storage engine: one statement per {@value #CHUNK} aggregates on the event table's
 * unique (aggregate, sequence) index, in the caller's transaction.
 */
final class JdbcStoredVersions implements StoredVersions {

    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final EventSchema schema;

    JdbcStoredVersions(JdbcTemplate jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public Map<String, Long> lastSequenceNumbers(Collection<String> aggregateIdentifiers) {
        Map<String, Long> versions = new HashMap<>();
        List<String> ids = new ArrayList<>(aggregateIdentifiers);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbc.query("select " + schema.aggregateIdentifierColumn() + ", max(" + schema.sequenceNumberColumn()
                            + ") from " + schema.domainEventTable() + " where " + schema.aggregateIdentifierColumn()
                            + " in (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") group by "
                            + schema.aggregateIdentifierColumn(),
                    (RowCallbackHandler) rs -> versions.put(rs.getString(1), rs.getLong(2)), chunk.toArray());
        }
        return versions;
    }
}
