package ke.co.datacare.whatsapp.app.integrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Deliveries to endpoints ({@code integration_delivery}): at most one per endpoint and event, so a redelivered event
 * queues nothing twice. {@code PENDING} waits for its (next) attempt, {@code DELIVERED} was answered with a 2xx,
 * {@code DEAD} gave up after the last attempt and waits on the dead-letter list for a redelivery by hand.
 */
@Repository
class IntegrationDeliveries {

    enum Status { PENDING, DELIVERED, DEAD }

    record Delivery(long id, String endpointId, String eventId, String eventType, String payload, Status status,
                    int attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus,
                    String lastError) {
    }

    private static final RowMapper<Delivery> DELIVERY = (rs, i) -> new Delivery(rs.getLong("id"),
            rs.getString("endpoint_id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("payload"),
            Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("next_attempt_at").toInstant(),
            rs.getTimestamp("delivered_at") == null ? null : rs.getTimestamp("delivered_at").toInstant(),
            (Integer) rs.getObject("last_status"), rs.getString("last_error"));

    private final JdbcTemplate jdbc;

    IntegrationDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(String endpointId, String eventId, IntegrationEventType type, String payload, Instant at) {
        jdbc.update("insert into integration_delivery (endpoint_id, event_id, event_type, payload, status, "
                        + "next_attempt_at, created_at) select ?, ?, ?, ?, 'PENDING', ?, ? where not exists "
                        + "(select 1 from integration_delivery where endpoint_id = ? and event_id = ?)",
                endpointId, eventId, type.wireName(), payload, Timestamp.from(at), Timestamp.from(at), endpointId, eventId);
    }

    /** Due deliveries of enabled endpoints, oldest first; the recurring task runs on one instance at a time. */
    List<Delivery> due(Instant now, int limit) {
        return jdbc.query("select d.* from integration_delivery d join integration_endpoint e on e.id = d.endpoint_id "
                + "where d.status = 'PENDING' and d.next_attempt_at <= ? and e.enabled = true "
                + "order by d.next_attempt_at, d.id limit ?", DELIVERY, Timestamp.from(now), limit);
    }

    List<Delivery> of(String endpointId, Status status, int limit) {
        return status == null
                ? jdbc.query("select * from integration_delivery where endpoint_id = ? order by id desc limit ?", DELIVERY,
                endpointId, limit)
                : jdbc.query("select * from integration_delivery where endpoint_id = ? and status = ? order by id desc "
                + "limit ?", DELIVERY, endpointId, status.name(), limit);
    }

    void delivered(long id, int httpStatus, Instant at) {
        jdbc.update("update integration_delivery set status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?, "
                + "last_status = ?, last_error = null where id = ?", Timestamp.from(at), httpStatus, id);
    }

    void failed(long id, Integer httpStatus, String error, Instant retryAt, boolean dead) {
        jdbc.update("update integration_delivery set status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, "
                        + "next_attempt_at = ? where id = ?", dead ? Status.DEAD.name() : Status.PENDING.name(), httpStatus,
                cut(error), Timestamp.from(retryAt), id);
    }

    /** Puts a delivery back in the queue for an attempt now; answers whether there was one of that endpoint. */
    boolean redeliver(String endpointId, long id, Instant now) {
        return jdbc.update("update integration_delivery set status = 'PENDING', next_attempt_at = ? "
                + "where id = ? and endpoint_id = ? and status <> 'PENDING'", Timestamp.from(now), id, endpointId) > 0;
    }

    private static String cut(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
