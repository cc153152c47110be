package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.api.protection.MessageTextsRetentionApplied;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.command.webhook.WebhookBodyRedaction;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keeping only what is needed: raw webhook bodies and message texts, against the real intake and event store. */
class DataRetentionTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254769300000L + System.nanoTime() % 50_000 * 10);
    private static final String EXPIRED = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"redacted\":\"retention\"}";

    @Autowired
    private WebhookBodyRedaction webhookBodies;
    @Autowired
    private EventGateway events;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private DataRetention configured;

    private DataRetention retention(Duration messageTexts, Instant now) {
        return new DataRetention(webhookBodies, events, jdbc, new TransactionTemplate(transactions),
                new DataProtectionProperties(null, null, null, null, null, messageTexts, null, null, null),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The inbox row of a text the intake took and dispatched, marked as dispatched that many days before now. */
    private long webhookDispatchedDaysAgo(String waId, Instant now, int days) {
        long row = dispatchedWebhookOf(waId).get(0);
        jdbc.update("update webhook_inbox set processed_at = ? where id = ?", Timestamp.from(now.minus(Duration.ofDays(days))),
                row);
        return row;
    }

    /** The inbox rows of a text the intake took and dispatched, each row's id. */
    private List<Long> dispatchedWebhookOf(String waId) {
        String body = Webhooks.text(waId, "Achieng Otieno", "wamid.retention-" + UUID.randomUUID(),
                Instant.now().getEpochSecond(), "my account number is " + waId);
        assertThat(client.postWebhook(body).statusCode()).isEqualTo(200);
        return await().until(() -> jdbc.queryForList("select id from webhook_inbox where position(? in body) > 0 "
                        + "and processed_at is not null", Long.class, waId.getBytes(StandardCharsets.UTF_8)),
                ids -> !ids.isEmpty());
    }

    private String bodyOf(long id) {
        return new String(jdbc.queryForObject("select body from webhook_inbox where id = ?", byte[].class, id),
                StandardCharsets.UTF_8);
    }

    private long parkedWebhookReceived(Instant at, String waId) {
        jdbc.update("insert into webhook_inbox (received_at, body, body_sha256, parked, attempts, last_error) "
                        + "values (?, ?, ?, true, 5, 'failed')", Timestamp.from(at),
                Webhooks.text(waId, "Parked Person", "wamid.parked-" + UUID.randomUUID(), at.getEpochSecond(), "hello")
                        .getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString().replace("-", ""));
        return jdbc.queryForObject("select max(id) from webhook_inbox", Long.class);
    }

    @Test
    void a_body_dispatched_longer_ago_than_the_retention_period_is_redacted_to_its_empty_envelope() {
        Instant now = Instant.now();
        long row = webhookDispatchedDaysAgo(String.valueOf(NUMBERS.incrementAndGet()), now, 31);

        retention(null, now).apply();

        assertThat(bodyOf(row)).isEqualTo(EXPIRED);
        assertThat(jdbc.queryForObject("select customer_key from webhook_inbox where id = ?", String.class, row)).isNull();
    }

    @Test
    void a_body_dispatched_within_the_retention_period_is_kept_whole() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long row = webhookDispatchedDaysAgo(waId, Instant.now(), 29);

        configured.apply();

        assertThat(bodyOf(row)).contains(waId).contains("my account number is");
    }

    @Test
    void a_parked_body_is_kept_until_it_is_handled_however_old() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        Instant now = Instant.now();
        long parked = parkedWebhookReceived(now.minus(Duration.ofDays(90)), waId);

        retention(null, now).apply();

        assertThat(bodyOf(parked)).contains(waId);
    }

    @Test
    void message_texts_are_kept_when_no_retention_is_set() {
        long before = retentionEventsRecorded();

        configured.apply();

        assertThat(retentionEventsRecorded()).isEqualTo(before);
    }

    @Test
    void the_message_text_cutoff_is_recorded_once_a_day_as_an_event_the_read_models_replay() {
        jdbc.update("update data_retention set cutoff = ? where rule = ?", Timestamp.from(Instant.EPOCH),
                DataRetention.MESSAGE_TEXTS);
        Instant morning = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(6));
        long before = retentionEventsRecorded();

        assertThat(retention(Duration.ofDays(90), morning).recordMessageTextCutoff(morning)).isTrue();
        Instant evening = morning.plus(Duration.ofHours(12));
        assertThat(retention(Duration.ofDays(90), evening).recordMessageTextCutoff(evening)).isFalse();
        Instant nextDay = morning.plus(Duration.ofDays(1));
        assertThat(retention(Duration.ofDays(90), nextDay).recordMessageTextCutoff(nextDay)).isTrue();

        assertThat(retentionEventsRecorded()).isEqualTo(before + 2);
        assertThat(jdbc.queryForObject("select cutoff from data_retention where rule = ?", Timestamp.class,
                DataRetention.MESSAGE_TEXTS).toInstant())
                .isEqualTo(nextDay.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.DAYS));
    }

    @Test
    void texts_sent_before_the_cutoff_leave_the_timeline_and_the_inbox_while_newer_ones_stay() {
        Instant now = Instant.now();
        String old = String.valueOf(NUMBERS.incrementAndGet());
        String recent = String.valueOf(NUMBERS.incrementAndGet());
        client.postWebhook(Webhooks.text(old, "Achieng Otieno", "wamid.old-" + old,
                now.minus(Duration.ofDays(100)).getEpochSecond(), "my account number is " + old));
        client.postWebhook(Webhooks.text(recent, "Baraka Mwangi", "wamid.new-" + recent, now.getEpochSecond(),
                "my account number is " + recent));
        String oldConversation = conversationWith(old);
        String recentConversation = conversationWith(recent);

        events.publish(new MessageTextsRetentionApplied(now.minus(Duration.ofDays(90)), now));

        await().until(() -> customerText(oldConversation, "wamid.old-" + old) == null);
        assertThat(customerText(recentConversation, "wamid.new-" + recent)).isEqualTo("my account number is " + recent);
        assertThat(inboxPreview(old)).isNull();
        assertThat(inboxPreview(recent)).as("its last message, the customer's or a reply, is recent").isNotNull();
    }

    private JsonNode inboxItem(String waId) {
        return await().until(() -> client.getJson("/api/conversations?q=" + waId, token), found -> found.size() == 1)
                .get(0);
    }

    private String conversationWith(String waId) {
        return inboxItem(waId).path("id").asText();
    }

    private String inboxPreview(String waId) {
        JsonNode content = inboxItem(waId).path("lastMessage").path("content");
        return content.isNull() || content.isMissingNode() ? null : content.asText();
    }

    /** The text of the customer's message in the timeline, null when it has none (the message must be there). */
    private String customerText(String conversation, String wamid) {
        for (JsonNode message
                : client.getJson("/api/conversations/" + conversation + "/messages", token)) {
            if (wamid.equals(message.path("wamid").asText())) {
                JsonNode text = message.path("text");
                return text.isNull() || text.isMissingNode() ? null : text.asText();
            }
        }
        throw new AssertionError("no message " + wamid + " in " + conversation);
    }

    private long retentionEventsRecorded() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = ?", Long.class,
                MessageTextsRetentionApplied.class.getName());
    }
}
