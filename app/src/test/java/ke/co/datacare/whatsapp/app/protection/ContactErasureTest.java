package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.LocationReceived;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A customer's right to erasure, through the real intake, event store, read models, exports and raw webhooks. */
class ContactErasureTest extends SignedInTest {

    private static final Duration WITHIN_A_MINUTE = Duration.ofSeconds(60);

    @Autowired
    private EventStore events;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private ConversationContextStore botContexts;

    private Customer customerWhoWrote() {
        return Customer.whoWrote(client, token, jdbc);
    }

    private JsonNode timeline(String conversation) {
        return Customer.timeline(client, token, conversation);
    }

    private HttpResponse<String> erase(String contactId, String bearer, String body) {
        return client.request("POST", "/api/contacts/" + contactId + "/erasure", bearer, "application/json", body);
    }

    @Test
    void personal_fields_are_stored_encrypted_and_read_in_clear_until_erasure() {
        Customer customer = customerWhoWrote();

        assertThat(rawEventsOf(customer.conversationId())).isNotEmpty()
                .noneMatch(payload -> payload.contains(customer.text()) || payload.contains(customer.name()));
        assertThat(rawEventsOf(customer.contactId())).isNotEmpty()
                .noneMatch(payload -> payload.contains(customer.waId()) || payload.contains(customer.name()));
        assertThat(payloadsOf(customer.conversationId())).anySatisfy(payload ->
                assertThat(payload).isInstanceOfSatisfying(TextMessageReceived.class, text ->
                        assertThat(text.body()).isEqualTo(customer.text())));
    }

    @Test
    void an_erased_contacts_personal_fields_are_unreadable_everywhere_within_a_minute() {
        Customer customer = customerWhoWrote();
        botContexts.save(customer.conversationId(), ConversationContext.fresh().withLastIntent("greeting"));
        assertThat(tablesHolding(List.of(customer.waId(), customer.name(), customer.text()))).isNotEmpty();

        HttpResponse<String> accepted = erase(customer.contactId(), token, "{\"reason\":\"subject's request, ticket 41\"}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(WITHIN_A_MINUTE).untilAsserted(() -> {
            String shown = timeline(customer.conversationId()).toString();
            assertThat(shown).doesNotContain(customer.text()).doesNotContain(customer.name()).contains("erased");
        });
        assertThat(payloadsOf(customer.conversationId())).anySatisfy(payload ->
                assertThat(payload).isInstanceOfSatisfying(TextMessageReceived.class, text ->
                        assertThat(text.body()).isEqualTo("erased"))).anySatisfy(payload ->
                assertThat(payload).isInstanceOfSatisfying(LocationReceived.class, location -> {
                    assertThat(location.name()).isEqualTo("erased");
                    assertThat(location.latitude()).isZero();
                }));
        String history = client.getJson("/api/conversations/" + customer.conversationId() + "/history", token).toString();
        assertThat(history).doesNotContain(customer.text()).doesNotContain(customer.name());
        String contact = client.getJson("/api/contacts/" + customer.contactId(), token).toString();
        assertThat(contact).doesNotContain(customer.waId()).doesNotContain(customer.name());
        String export = client.get("/api/admin/events?format=ndjson", token).body()
                + client.get("/api/admin/events?format=csv", token).body();
        assertThat(export).doesNotContain(customer.waId()).doesNotContain(customer.name())
                .doesNotContain(customer.text());
        assertThat(botContexts.load(customer.conversationId())).isEmpty();
        assertThat(tablesHolding(List.of(customer.waId(), customer.name(), customer.text()))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'ke.co.datacare.whatsapp.api.contact.ContactErased'", Integer.class,
                customer.contactId())).isEqualTo(1);
    }

    @Test
    void erasing_twice_records_one_erasure_and_answers_the_same() {
        Customer customer = customerWhoWrote();

        HttpResponse<String> first = erase(customer.contactId(), token, "{\"reason\":\"subject's request\"}");
        HttpResponse<String> second = erase(customer.contactId(), token, "{\"reason\":\"subject's request\"}");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'ke.co.datacare.whatsapp.api.contact.ContactErased'", Integer.class,
                customer.contactId())).isEqualTo(1);
    }

    @Test
    void erasure_without_a_reason_or_by_an_agent_or_of_nobody_is_refused_as_a_problem() {
        Customer customer = customerWhoWrote();

        HttpResponse<String> noReason = erase(customer.contactId(), token, "{\"reason\":\" \"}");
        HttpResponse<String> byAgent = erase(customer.contactId(), tokenOf(Role.AGENT), "{\"reason\":\"asked\"}");
        HttpResponse<String> nobody = erase("no-such-contact", token, "{\"reason\":\"asked\"}");

        assertThat(List.of(noReason, byAgent, nobody)).extracting(HttpResponse::statusCode).containsExactly(400, 403, 404);
        assertThat(List.of(noReason, byAgent, nobody)).allSatisfy(response ->
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json")));
        assertThat(client.read(nobody.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(timeline(customer.conversationId()).toString()).contains(customer.text());
    }

    @Test
    void a_new_message_from_the_same_number_after_erasure_starts_a_fresh_identity_under_a_new_id() {
        Customer customer = customerWhoWrote();
        assertThat(erase(customer.contactId(), token, "{\"reason\":\"subject's request\"}").statusCode()).isEqualTo(202);
        await().atMost(WITHIN_A_MINUTE).until(() -> !timeline(customer.conversationId()).toString()
                .contains(customer.text()));

        client.postWebhook(Webhooks.text(customer.waId(), "Akinyi Otieno", "wamid.after-erasure-" + UUID.randomUUID(),
                Instant.now().getEpochSecond(), "hello again"));

        String fresh = await().atMost(WITHIN_A_MINUTE).until(() -> jdbc.queryForList("select contact_id from "
                + "contact_identity where identity = ?", String.class, "wa_id:" + customer.waId()), ids -> !ids.isEmpty()).get(0);
        assertThat(fresh).isNotEqualTo(customer.contactId());
        String freshConversation = jdbc.queryForObject("select conversation_id from conversation_directory where "
                + "contact_id = ?", String.class, fresh);
        assertThat(freshConversation).isNotEqualTo(customer.conversationId());
        await().atMost(WITHIN_A_MINUTE).ignoreExceptions().untilAsserted(() -> {
            JsonNode contact = client.getJson("/api/contacts/" + fresh, token);
            assertThat(contact.toString()).contains("Akinyi Otieno").contains(customer.waId())
                    .doesNotContain(customer.name());
            assertThat(timeline(freshConversation).toString()).contains("hello again").doesNotContain(customer.text());
        });
        assertThat(client.getJson("/api/contacts/" + customer.contactId(), token).toString())
                .doesNotContain(customer.waId()).doesNotContain("Akinyi Otieno");
        assertThat(timeline(customer.conversationId()).toString()).doesNotContain("hello again");
        assertThat(payloadsOf(freshConversation)).anySatisfy(payload ->
                assertThat(payload).isInstanceOfSatisfying(TextMessageReceived.class, text ->
                        assertThat(text.body()).isEqualTo("hello again")));
    }

    @Test
    void a_bulk_rebuild_after_erasure_reproduces_the_anonymised_read_models() {
        Customer customer = customerWhoWrote();
        assertThat(erase(customer.contactId(), token, "{\"reason\":\"subject's request\"}").statusCode()).isEqualTo(202);
        await().atMost(WITHIN_A_MINUTE).until(() -> !timeline(customer.conversationId()).toString()
                .contains(customer.text()));
        String timelineAfterErasure = timeline(customer.conversationId()).toString();
        String contactAfterErasure = client.getJson("/api/contacts/" + customer.contactId(), token).toString();

        assertThat(client.post("/api/admin/projections/rebuild", token, "").statusCode()).isEqualTo(202);

        await().atMost(WITHIN_A_MINUTE).until(() -> client.getJson("/api/admin/projections/rebuild", token)
                .path("status").asText(), "done"::equals);
        assertThat(timeline(customer.conversationId()).toString()).isEqualTo(timelineAfterErasure)
                .doesNotContain(customer.text()).contains("erased");
        assertThat(client.getJson("/api/contacts/" + customer.contactId(), token).toString())
                .isEqualTo(contactAfterErasure).doesNotContain(customer.name());
    }

    @Test
    void an_event_written_before_encryption_still_reads() {
        TextMessageReceived before = new TextMessageReceived(ConversationId.of("conversation-before-encryption"),
                "wamid.before", Instant.parse("2026-01-05T08:00:00Z"), "written in clear", null, null);
        JacksonSerializer plain = JacksonSerializer.builder().objectMapper(json).build();
        SerializedObject<byte[]> stored = plain.serialize(before, byte[].class);

        Object read = eventSerializer.deserialize(stored);

        assertThat(new String(stored.getData())).contains("written in clear");
        assertThat(read).isEqualTo(before);
    }

    @Test
    void an_event_written_in_clear_is_encrypted_in_place_and_erased_with_its_contact() {
        Customer customer = customerWhoWrote();
        String earlier = "an earlier message in clear from " + customer.waId();
        writtenBeforeEncryption(customer.conversationId(), new TextMessageReceived(
                ConversationId.of(customer.conversationId()), "wamid.before-" + UUID.randomUUID(),
                Instant.parse("2026-01-05T08:00:00Z"), earlier, null, null));
        assertThat(rawEventsOf(customer.conversationId())).anyMatch(payload -> payload.contains(earlier));

        HttpResponse<String> encrypted = client.post("/api/admin/data-protection/history-encryption", token, "");

        assertThat(encrypted.statusCode()).as(encrypted.body()).isEqualTo(200);
        assertThat(client.read(encrypted.body()).path("encrypted").asLong()).isPositive();
        assertThat(rawEventsOf(customer.conversationId())).noneMatch(payload -> payload.contains(earlier));
        assertThat(payloadsOf(customer.conversationId())).anySatisfy(payload -> assertThat(payload)
                .isInstanceOfSatisfying(TextMessageReceived.class, text -> assertThat(text.body()).isEqualTo(earlier)));
        assertThat(client.read(client.post("/api/admin/data-protection/history-encryption", token, "").body())
                .path("encrypted").asLong()).as("a second run finds nothing in clear").isZero();

        assertThat(erase(customer.contactId(), token, "{\"reason\":\"subject's request\"}").statusCode()).isEqualTo(202);

        assertThat(payloadsOf(customer.conversationId())).noneSatisfy(payload -> assertThat(payload)
                .isInstanceOfSatisfying(TextMessageReceived.class, text -> assertThat(text.body()).isEqualTo(earlier)));
    }

    @Test
    void a_message_of_ours_written_in_clear_reads_as_before_and_is_encrypted_in_place_by_the_history_job() {
        Customer customer = customerWhoWrote();
        String earlier = "an earlier reply in clear to " + customer.name();
        writtenBeforeEncryption(customer.conversationId(), new OutboundMessageQueued(
                ConversationId.of(customer.conversationId()), ContactId.of(customer.contactId()), "110000000000001",
                "m-before-" + UUID.randomUUID(), new TextContent(earlier, false), null, "agent:a1",
                Instant.parse("2026-01-05T08:00:00Z")));
        assertThat(rawEventsOf(customer.conversationId())).anyMatch(payload -> payload.contains(earlier));
        assertThat(payloadsOf(customer.conversationId())).anySatisfy(payload -> assertThat(payload)
                .isInstanceOfSatisfying(OutboundMessageQueued.class, queued -> assertThat(queued.content())
                        .isEqualTo(new TextContent(earlier, false))));

        assertThat(client.post("/api/admin/data-protection/history-encryption", token, "").statusCode()).isEqualTo(200);

        assertThat(rawEventsOf(customer.conversationId())).noneMatch(payload -> payload.contains(earlier));
        assertThat(payloadsOf(customer.conversationId())).anySatisfy(payload -> assertThat(payload)
                .isInstanceOfSatisfying(OutboundMessageQueued.class, queued -> assertThat(queued.content())
                        .isEqualTo(new TextContent(earlier, false))));
        assertThat(erase(customer.contactId(), token, "{\"reason\":\"subject's request\"}").statusCode()).isEqualTo(202);
        assertThat(payloadsOf(customer.conversationId())).anySatisfy(payload -> assertThat(payload)
                .isInstanceOfSatisfying(OutboundMessageQueued.class, queued -> assertThat(queued.content())
                        .isEqualTo(new TextContent("erased", false))));
    }

    /** Appends an event to the aggregate's stream as the serializer stored it before encryption existed. */
    private void writtenBeforeEncryption(String aggregate, Object payload) {
        JacksonSerializer plain = JacksonSerializer.builder().objectMapper(json).build();
        SerializedObject<byte[]> stored = plain.serialize(payload, byte[].class);
        Map<String, Object> last = jdbc.queryForMap("select type, max(sequence_number) as sequence from "
                + "domain_event_entry where aggregate_identifier = ? group by type", aggregate);
        jdbc.update("insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), aggregate, ((Number) last.get("sequence")).longValue() + 1, last.get("type"),
                DateTimeUtils.formatInstant(Instant.now()), payload.getClass().getName(), stored.getType().getRevision(), stored.getData(),
                plain.serialize(org.axonframework.messaging.MetaData.emptyInstance(), byte[].class).getData());
    }

    private List<String> rawEventsOf(String aggregate) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ?", String.class, aggregate);
    }

    private List<Object> payloadsOf(String aggregate) {
        List<Object> payloads = new ArrayList<>();
        events.readEvents(aggregate).asStream().map(DomainEventMessage::getPayload).forEach(payloads::add);
        return payloads;
    }

    /** Every text and bytea column of the schema that holds any of {@code values}, as table.column. */
    private List<String> tablesHolding(List<String> values) {
        List<String> hits = new ArrayList<>();
        jdbc.query("select table_name, column_name, data_type from information_schema.columns where table_schema = "
                + "'public' and data_type in ('text', 'character varying', 'bytea', 'json', 'jsonb')", rs -> {
            String table = rs.getString(1);
            String column = rs.getString(2);
            String condition = switch (rs.getString(3)) {
                case "bytea" -> "position(convert_to(?, 'UTF8') in " + column + ") > 0";
                case "json", "jsonb" -> "position(? in " + column + "::text) > 0";
                default -> "position(? in " + column + ") > 0";
            };
            for (String value : values) {
                Integer found = jdbc.queryForObject("select count(*) from " + table + " where " + condition,
                        Integer.class, value);
                if (found != null && found > 0) {
                    hits.add(table + "." + column + " holds " + value);
                }
            }
        });
        return hits;
    }
}
