package ke.co.datacare.whatsapp.app.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.PoisonProbe;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What one caller sends can neither jam a processor nor hide another conversation's message. */
@Import(PoisonInputTest.ProbeConfiguration.class)
@DirtiesContext
class PoisonInputTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254733100000L);

    /** Fails on every text saying "POISON" until it is mended, in a processing group of its own. */
    @ProcessingGroup("poison-probe")
    static class PoisonGroupProbe extends PoisonProbe {
    }

    @TestConfiguration
    static class ProbeConfiguration {
        @Bean
        PoisonGroupProbe poisonProbe() {
            return new PoisonGroupProbe();
        }
    }

    @Autowired
    PoisonGroupProbe probe;

    @Test
    void a_400_character_client_message_id_is_refused_naming_the_field_and_the_inbox_goes_on() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, "Habari");

        HttpResponse<String> refused = send(conversation, "x".repeat(400), "Karibu");
        HttpResponse<String> accepted = send(conversation, "reply-" + waId, "Karibu sana");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field")).contains("clientMessageId");
        assertThat(accepted.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> timelineHas(conversation, "reply-" + waId));
    }

    @Test
    void overlong_reply_to_media_id_and_file_name_are_each_named() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, "Habari");

        HttpResponse<String> refused = client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"type\":\"document\",\"replyTo\":\"" + "w".repeat(300) + "\",\"media\":{\"id\":\"" + "1".repeat(129)
                + "\",\"filename\":\"" + "f".repeat(600) + ".pdf\"}}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(client.read(refused.body()).path("errors").findValuesAsText("field"))
                .contains("replyTo", "mediaId", "filename");
    }

    @Test
    void a_client_message_id_used_in_another_conversation_is_refused_with_409() {
        String first = customerWrites(String.valueOf(NUMBERS.incrementAndGet()), "Habari");
        String second = customerWrites(String.valueOf(NUMBERS.incrementAndGet()), "Jambo");
        String id = "order-" + NUMBERS.get();

        HttpResponse<String> original = send(first, id, "Your order is ready");
        HttpResponse<String> repeat = send(first, id, "Your order is ready");
        HttpResponse<String> elsewhere = send(second, id, "Your order is ready");

        assertThat(original.statusCode()).isEqualTo(202);
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(elsewhere.statusCode()).isEqualTo(409);
        assertThat(client.read(elsewhere.body()).path("code").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void an_event_its_handler_keeps_failing_on_is_parked_while_the_next_events_are_handled() {
        String poisoned = String.valueOf(NUMBERS.incrementAndGet());
        String healthy = String.valueOf(NUMBERS.incrementAndGet());

        customerWrites(poisoned, "POISON " + poisoned);
        customerWrites(healthy, "fine " + healthy);

        await().atMost(Duration.ofSeconds(20)).until(() -> probe.handled.contains("fine " + healthy));
        assertThat(probe.handled).doesNotContain("POISON " + poisoned);
        JsonNode parked = await().atMost(Duration.ofSeconds(10)).until(() -> parkedIn("poison-probe"),
                group -> group != null && group.path("events").asLong() >= 1);
        assertThat(parked.path("parked").findValuesAsText("eventType")).contains("TextMessageReceived");
        assertThat(client.getJson("/actuator/health", token).path("components").path("eventProcessors")
                .path("status").asText()).isEqualTo("UP");

        probe.mended.set(true);
        HttpResponse<String> retried = client.post("/api/admin/dead-letters/poison-probe/retry", token, "{}");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(probe.handled).contains("POISON " + poisoned);
        assertThat(parkedIn("poison-probe").path("events").asLong()).isZero();
    }

    @Test
    void only_administrators_see_parked_events() {
        HttpResponse<String> anonymous = client.get("/api/admin/dead-letters", null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(client.get("/api/admin/dead-letters", token).statusCode()).isEqualTo(200);
    }

    private JsonNode parkedIn(String group) {
        return StreamSupport.stream(client.getJson("/api/admin/dead-letters", token).spliterator(), false)
                .filter(node -> group.equals(node.path("group").asText())).findFirst().orElse(null);
    }

    private HttpResponse<String> send(String conversation, String clientMessageId, String text) {
        return client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"type\":\"text\",\"content\":\"" + text + "\",\"clientMessageId\":\"" + clientMessageId + "\"}");
    }

    private String customerWrites(String waId, String text) {
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, "Wanjiru", "wamid.in-" + waId + "-" + now, now, text));
        return await().atMost(Duration.ofSeconds(20)).until(() -> inboxConversationOf(waId), id -> id != null);
    }

    private boolean timelineHas(String conversation, String messageId) {
        JsonNode timeline = client.getJson("/api/conversations/" + conversation + "/messages", token);
        return StreamSupport.stream(timeline.spliterator(), false)
                .anyMatch(message -> messageId.equals(message.path("id").asText()));
    }
}
