package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/** What the query tests share: fresh phone numbers, and waiting until webhooks have reached the projections. */
final class QueryScenario {

    private static final AtomicLong NUMBERS = new AtomicLong(254777000000L);

    private final ServiceClient client;
    private final String token;
    private final JdbcTemplate jdbc;

    QueryScenario(ServiceClient client, String token, JdbcTemplate jdbc) {
        this.client = client;
        this.token = token;
        this.jdbc = jdbc;
    }

    static String newNumber() {
        return String.valueOf(NUMBERS.incrementAndGet());
    }

    String conversationOf(String waId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode inbox = client.getJson("/api/conversations?size=50&q=" + waId, token);
            return StreamSupport.stream(inbox.spliterator(), false)
                    .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                    .map(item -> item.path("id").asText()).findFirst().orElse(null);
        }, id -> id != null);
    }

    long pendingWebhooks() {
        Long pending = jdbc.queryForObject("select count(*) from webhook_inbox where processed_at is null and not parked",
                Long.class);
        return pending == null ? 0 : pending;
    }

    JsonNode processor(String name) {
        return StreamSupport.stream(client.getJson("/api/admin/projections", token).spliterator(), false)
                .filter(processor -> processor.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no processor " + name));
    }

    /**
     * Whether every segment of the group has handled {@code head} and none is replaying, as the token store says:
     * the tests share the database with the other application contexts of the run, and any one of them may hold
     * the group's segments.
     */
    boolean caughtUp(String group, long head) {
        List<String> tokens = jdbc.queryForList("select convert_from(token, 'UTF8') from token_entry "
                + "where processor_name = ?", String.class, group);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> handled(token) >= head);
    }

    /**
     * The position a stored token has handled (0 for none yet: all there is when the store is empty); a replay counts
     * only once it has passed its reset position.
     */
    private long handled(String token) {
        if (token == null) {
            return 0;
        }
        JsonNode stored = client.read(token);
        if (stored.has("tokenAtReset")) {
            long current = stored.path("currentToken").path("index").asLong(-1);
            return current >= stored.path("tokenAtReset").path("index").asLong() ? current : -1;
        }
        return stored.path("index").asLong(-1);
    }

    /** Waits until every webhook was dispatched and the groups have handled every stored event. */
    void awaitCaughtUp(String... groups) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (pendingWebhooks() > 0) {
                return false;
            }
            long head = head();
            return List.of(groups).stream().allMatch(group -> caughtUp(group, head));
        });
    }

    long head() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    List<Map<String, Object>> dump(String table, String orderBy) {
        return jdbc.queryForList("select * from " + table + " order by " + orderBy);
    }
}
