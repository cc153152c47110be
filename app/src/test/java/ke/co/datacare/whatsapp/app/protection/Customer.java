package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/** A customer whose personal data the service holds: number, profile name, a text, and the ids it got. */
record Customer(String waId, String name, String text, String contactId, String conversationId) {

    private static final AtomicLong NUMBERS = new AtomicLong(254768200000L + System.nanoTime() % 50_000 * 10);
    private static final Duration WITHIN_A_MINUTE = Duration.ofSeconds(60);

    /**
     * A customer who sent a text and a location through the real intake, once both show in the timeline. The wamids
     * name no number here; Meta's real ones encode it (see docs/data-protection.md, what is left).
     */
    static Customer whoWrote(ServiceClient client, String token, JdbcTemplate jdbc) {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String name = "Wanjiru Kamau" + waId.substring(8);
        String text = "my id number is 2" + waId.substring(5) + " please call";
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.messages(waId, name, List.of(
                Webhooks.message(waId, "wamid.erasure-text-" + UUID.randomUUID(), now, "text", "{\"body\":\"" + text + "\"}"),
                Webhooks.message(waId, "wamid.erasure-location-" + UUID.randomUUID(), now + 1, "location",
                        "{\"latitude\":-1.2921,\"longitude\":36.8219,\"name\":\"Home of " + name
                                + "\",\"address\":\"Ngong Road\"}"))));
        JsonNode conversation = await().atMost(WITHIN_A_MINUTE).until(
                () -> client.getJson("/api/conversations?q=" + waId, token), found -> found.path("items").size() == 1
                        || found.size() == 1);
        JsonNode item = conversation.has("items") ? conversation.path("items").get(0) : conversation.get(0);
        String conversationId = item.path("conversationId").asText(item.path("id").asText());
        await().atMost(WITHIN_A_MINUTE).until(() -> timeline(client, token, conversationId).toString(),
                shown -> shown.contains(text) && shown.contains("Home of " + name));
        String contactId = jdbc.queryForObject("select contact_id from conversation_directory where conversation_id = ?",
                String.class, conversationId);
        return new Customer(waId, name, text, contactId, conversationId);
    }

    static JsonNode timeline(ServiceClient client, String token, String conversation) {
        return client.getJson("/api/conversations/" + conversation + "/messages", token);
    }
}
