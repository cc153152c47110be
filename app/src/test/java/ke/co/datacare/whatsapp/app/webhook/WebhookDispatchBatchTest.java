package ke.co.datacare.whatsapp.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.command.webhook.WebhookProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stored webhooks are dispatched several to a transaction; one that cannot be dispatched does not hold back the rest. */
class WebhookDispatchBatchTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254712400000L);
    private static final long T0 = 1_764_057_600L;

    @Autowired
    ApplicationContext context;

    @Test
    void a_stored_webhook_that_cannot_be_dispatched_fails_alone_and_the_webhooks_stored_with_it_reach_the_inbox() {
        Lifecycle dispatcher = (Lifecycle) context.getBean("webhookDispatcher");
        List<String> senders = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        dispatcher.stop();
        try {
            for (int i = 0; i < 12; i++) {
                String waId = String.valueOf(NUMBERS.incrementAndGet());
                senders.add(waId);
                assertThat(client.postWebhook(Webhooks.text(waId, "Customer " + i, "wamid.B-" + waId, T0,
                        "Batch message " + waId)).statusCode()).isEqualTo(200);
            }
            for (int partition = 0; partition < context.getBean(WebhookProperties.class).partitions(); partition++) {
                unreadable.add(storeUnreadable(partition));
            }
        } finally {
            dispatcher.start();
        }
        try {
            for (String waId : senders) {
                JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> inboxItemOf(waId), found -> found != null);
                assertThat(item.path("lastMessage").path("content").asText()).isEqualTo("Batch message " + waId);
            }
            for (long id : unreadable) {
                Map<String, Object> row = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForMap(
                        "select processed_at, attempts, last_error from webhook_inbox where id = ?", id),
                        found -> ((Number) found.get("attempts")).intValue() >= 1);
                assertThat(row.get("processed_at")).isNull();
                assertThat((String) row.get("last_error")).contains("not readable");
            }
        } finally {
            jdbc.update("update webhook_inbox set parked = true where id in (" + String.join(",",
                    unreadable.stream().map(String::valueOf).toList()) + ")");
        }
    }

    /** A row of the given partition whose body is not a webhook (as if stored by a faulty earlier version). */
    private long storeUnreadable(int partition) {
        byte[] body = ("not a webhook " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        return jdbc.queryForObject("insert into webhook_inbox (received_at, body, body_sha256, partition_no, customer_key, "
                        + "whole_body) values (?, ?, ?, ?, ?, false) returning id", Long.class,
                Timestamp.from(Instant.now()), body, UUID.randomUUID().toString().replace("-", ""), partition,
                "unreadable-" + partition);
    }

    private JsonNode inboxItemOf(String waId) {
        JsonNode inbox = client.getJson("/api/conversations?size=50&q=" + waId, token);
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                .findFirst().orElse(null);
    }
}
