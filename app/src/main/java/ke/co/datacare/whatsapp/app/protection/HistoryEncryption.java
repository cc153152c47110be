package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encrypts, in place, the personal fields of events stored before encryption existed: each such payload (no
 * envelope yet, of its type's current revision) gets the envelope the serializer would have written; the event's id,
 * type, time, sequence and other fields stay as they were. Idempotent (encrypted payloads are skipped), in chunks by
 * global index, each in its own transaction. Payloads of an older revision are left (an upcaster must read their
 * personal fields in clear) and counted. Snapshots are deleted afterwards: they are rebuilt from the events.
 */
@Component
public class HistoryEncryption {

    /** What one run did. */
    public record Outcome(long examined, long encrypted, long olderRevisions) {
    }

    private static final int CHUNK = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataSerializer serializer;
    private final ObjectMapper json;
    private final RevisionResolver revisions = new AnnotationRevisionResolver();

    HistoryEncryption(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                      @Qualifier("eventSerializer") org.axonframework.serialization.Serializer serializer,
                      ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.serializer = (PersonalDataSerializer) serializer;
        this.json = PersonalDataSerializer.exact(json);
    }

    private record Row(long index, String type, String revision, byte[] payload) {
    }

    public Outcome run() {
        long after = -1;
        long[] counts = new long[3];
        while (true) {
            long from = after;
            Long last = transactions.execute(status -> chunk(from, counts));
            if (last == null) {
                break;
            }
            after = last;
        }
        jdbc.update("delete from snapshot_event_entry");
        return new Outcome(counts[0], counts[1], counts[2]);
    }

    /** Encrypts one chunk after {@code after}; answers the last global index read, or null at the end. */
    private Long chunk(long after, long[] counts) {
        List<Row> rows = jdbc.query("select global_index, payload_type, payload_revision, payload from domain_event_entry "
                        + "where global_index > ? order by global_index limit " + CHUNK,
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)), after);
        if (rows.isEmpty()) {
            return null;
        }
        List<Object[]> updates = new ArrayList<>();
        for (Row row : rows) {
            counts[0]++;
            Class<?> type = typeOf(row.type());
            PersonalFields personal = type == null ? PersonalFields.NONE : PersonalFields.of(type);
            if (!personal.any()) {
                continue;
            }
            ObjectNode tree = read(row.payload());
            if (tree == null || tree.has(PersonalDataSerializer.ENVELOPE) || !tree.hasNonNull(personal.subjectProperty())) {
                continue;
            }
            if (!Objects.equals(row.revision(), revisions.revisionOf(type))) {
                counts[2]++;
                continue;
            }
            serializer.seal(tree, personal, subjectOf(tree, personal), nestedIn(tree, type, personal));
            if (!tree.has(PersonalDataSerializer.ENVELOPE)) {
                continue;
            }
            updates.add(new Object[]{write(tree), row.index()});
            counts[1]++;
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("update domain_event_entry set payload = ? where global_index = ?", updates);
        }
        return rows.get(rows.size() - 1).index();
    }

    private Object subjectOf(ObjectNode tree, PersonalFields personal) {
        try {
            return json.treeToValue(tree.get(personal.subjectProperty()), personal.subjectAccessor().getReturnType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<NestedPersonalData.Place> nestedIn(ObjectNode tree, Class<?> type, PersonalFields personal) {
        if (personal.containers().isEmpty()) {
            return List.of();
        }
        try {
            return NestedPersonalData.in(json.treeToValue(tree, type), personal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> typeOf(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private ObjectNode read(byte[] payload) {
        try {
            JsonNode tree = json.readTree(payload);
            return tree instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] write(ObjectNode tree) {
        try {
            return json.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
