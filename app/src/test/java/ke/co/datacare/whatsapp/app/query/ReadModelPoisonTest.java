package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import ke.co.datacare.whatsapp.app.support.PoisonProbe;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read models share one processor: an event one projection keeps failing on is parked with its conversation's
 * later events, the other conversations go on in every read model, and once it is mended the retry brings the parked
 * events to every projection, once. Its context (with the poisoned read model) runs on a database of its own and is
 * closed after it.
 */
@Import({ReadModelPoisonTest.ProbeConfiguration.class, OwnDatabase.class})
@DirtiesContext
class ReadModelPoisonTest extends SignedInTest {

    /** A read model that fails on every text saying "POISON" until it is mended. */
    @ProcessingGroup(ReadModels.GROUP)
    static class PoisonedReadModel extends PoisonProbe {
    }

    @TestConfiguration
    static class ProbeConfiguration {
        @Bean
        PoisonedReadModel poisonedReadModel() {
            return new PoisonedReadModel();
        }
    }

    @Autowired
    PoisonedReadModel probe;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_poison_event_of_one_read_model_is_parked_the_others_go_on_and_the_retry_applies_it_once_everywhere() {
        long suffix = System.nanoTime() % 1_000_000;
        String poisoned = "2547331" + String.format("%05d", suffix % 100_000);
        String healthy = "2547332" + String.format("%05d", suffix % 100_000);
        long inboundBefore = inboundCount();

        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(poisoned, "Akinyi", "wamid.poison-" + poisoned, now, "POISON " + poisoned));
        client.postWebhook(Webhooks.text(healthy, "Baraka", "wamid.fine-" + healthy, now, "fine " + healthy));

        await().atMost(Duration.ofSeconds(30)).until(() -> timelineRows("wamid.fine-" + healthy) == 1
                && probe.handled.contains("fine " + healthy));
        JsonNode parked = await().atMost(Duration.ofSeconds(30)).until(() -> parkedIn(ReadModels.GROUP),
                group -> group != null && group.path("events").asLong() >= 1);
        assertThat(parked.path("parked").findValuesAsText("eventType")).contains("TextMessageReceived");
        assertThat(probe.handled).doesNotContain("POISON " + poisoned);

        probe.mended.set(true);
        HttpResponse<String> retried = client.post("/api/admin/dead-letters/" + ReadModels.GROUP + "/retry", token, "{}");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(probe.handled).contains("POISON " + poisoned);
        assertThat(parkedIn(ReadModels.GROUP).path("events").asLong()).isZero();
        assertThat(timelineRows("wamid.poison-" + poisoned)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select unread_count from inbox_conversation where conversation_id = "
                + "(select conversation_id from timeline_message where wamid = ?)", Integer.class,
                "wamid.poison-" + poisoned)).isEqualTo(1);
        assertThat(inboundCount() - inboundBefore).as("each message counted once").isEqualTo(2);
    }

    private int timelineRows(String wamid) {
        return jdbc.queryForObject("select count(*) from timeline_message where wamid = ?", Integer.class, wamid);
    }

    private long inboundCount() {
        Long count = jdbc.queryForObject("select coalesce(sum(messages), 0) from analytics_inbound_daily", Long.class);
        return count == null ? 0 : count;
    }

    private JsonNode parkedIn(String group) {
        return StreamSupport.stream(client.getJson("/api/admin/dead-letters", token).spliterator(), false)
                .filter(node -> group.equals(node.path("group").asText())).findFirst().orElse(null);
    }
}
