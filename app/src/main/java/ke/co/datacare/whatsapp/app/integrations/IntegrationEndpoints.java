package ke.co.datacare.whatsapp.app.integrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The registered endpoints ({@code integration_endpoint}). */
@Repository
class IntegrationEndpoints {

    record Endpoint(String id, String url, Set<IntegrationEventType> eventTypes, String secret, boolean enabled,
                    Instant createdAt, Instant failingSince, Instant disabledAt, String disabledReason) {
    }

    private static final RowMapper<Endpoint> ENDPOINT = (rs, i) -> new Endpoint(rs.getString("id"), rs.getString("url"),
            Arrays.stream(rs.getString("event_types").split(",")).map(IntegrationEventType::valueOf).collect(Collectors.toSet()),
            rs.getString("secret"), rs.getBoolean("enabled"), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("failing_since")), instant(rs.getTimestamp("disabled_at")),
            rs.getString("disabled_reason"));

    private final JdbcTemplate jdbc;

    IntegrationEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(Endpoint endpoint, String createdBy) {
        jdbc.update("insert into integration_endpoint (id, url, event_types, secret, enabled, created_by, created_at) "
                        + "values (?, ?, ?, ?, true, ?, ?)", endpoint.id(), endpoint.url(),
                endpoint.eventTypes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                endpoint.secret(), createdBy, Timestamp.from(endpoint.createdAt()));
    }

    List<Endpoint> all() {
        return jdbc.query("select * from integration_endpoint order by created_at, id", ENDPOINT);
    }

    Optional<Endpoint> byId(String id) {
        return jdbc.query("select * from integration_endpoint where id = ?", ENDPOINT, id).stream().findFirst();
    }

    List<Endpoint> subscribedTo(IntegrationEventType type) {
        return jdbc.query("select * from integration_endpoint where enabled = true", ENDPOINT).stream()
                .filter(endpoint -> endpoint.eventTypes().contains(type)).toList();
    }

    boolean remove(String id) {
        jdbc.update("delete from integration_delivery where endpoint_id = ?", id);
        return jdbc.update("delete from integration_endpoint where id = ?", id) > 0;
    }

    void enable(String id) {
        jdbc.update("update integration_endpoint set enabled = true, failing_since = null, disabled_at = null, "
                + "disabled_reason = null where id = ?", id);
    }

    void disable(String id, String reason, Instant at) {
        jdbc.update("update integration_endpoint set enabled = false, disabled_at = ?, disabled_reason = ? where id = ?",
                Timestamp.from(at), reason, id);
    }

    void succeeded(String id) {
        jdbc.update("update integration_endpoint set failing_since = null where id = ? and failing_since is not null", id);
    }

    /** Marks the endpoint failing from {@code at} unless it was already; answers since when it fails. */
    Instant failing(String id, Instant at) {
        jdbc.update("update integration_endpoint set failing_since = ? where id = ? and failing_since is null",
                Timestamp.from(at), id);
        return byId(id).map(Endpoint::failingSince).orElse(at);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
