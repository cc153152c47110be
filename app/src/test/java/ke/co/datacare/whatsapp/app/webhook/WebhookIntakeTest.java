package ke.co.datacare.whatsapp.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookIntakeTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254711000000L);
    private static final long T0 = 1_764_057_600L;




    private static String newNumber() {
        return String.valueOf(NUMBERS.incrementAndGet());
    }

    private JsonNode inboxItemOf(String waId) {
        JsonNode inbox = client.getJson("/api/conversations?size=50&q=" + waId, token);
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                .findFirst().orElse(null);
    }

    private JsonNode awaitInboxItem(String waId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> inboxItemOf(waId), item -> item != null);
    }

    private long inboxRows() {
        return jdbc.queryForObject("select count(*) from webhook_inbox", Long.class);
    }

    @Test
    void a_signed_text_message_shows_up_in_the_inbox_with_its_contact_and_last_message() {
        String waId = newNumber();
        HttpResponse<String> response = client.postWebhook(Webhooks.text(waId, "Wanjiku", "wamid.T-" + waId, T0,
                "Habari, my router is not working \\ud83d\\ude00"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = awaitInboxItem(waId);
        assertThat(item.path("contact").path("name").asText()).isEqualTo("Wanjiku");
        assertThat(item.path("lastMessage").path("content").asText()).isEqualTo("Habari, my router is not working 😀");
        assertThat(item.path("lastMessage").path("timestamp").asText()).isEqualTo("2025-11-25T08:00:00Z");
        assertThat(item.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(item.path("status").asText()).isEqualTo("open");
        assertThat(item.path("windowClosesAt").asText()).isEqualTo("2025-11-26T08:00:00Z");
    }

    @Test
    void a_missing_or_wrong_signature_is_refused_and_stores_nothing() {
        byte[] body = Webhooks.text(newNumber(), "X", "wamid.bad", T0, "hi").getBytes(StandardCharsets.UTF_8);
        long before = inboxRows();

        HttpResponse<String> missing = client.postWebhook(body, null);
        HttpResponse<String> wrong = client.postWebhook(body, ServiceClient.sign(body, "not-the-app-secret"));
        HttpResponse<String> garbage = client.postWebhook(body, "sha256=zz");

        for (HttpResponse<String> response : List.of(missing, wrong, garbage)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(client.read(response.body()).path("code").asText()).isEqualTo("INVALID_SIGNATURE");
        }
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void bodies_that_are_not_webhooks_are_refused_with_a_clear_problem_and_store_nothing() {
        long before = inboxRows();
        HttpResponse<String> notJson = client.postWebhook("this is not json");
        HttpResponse<String> notEnvelope = client.postWebhook("{\"object\":\"page\",\"entry\":[]}");
        HttpResponse<String> noEntries = client.postWebhook("{\"object\":\"whatsapp_business_account\"}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(client.read(notJson.body()).path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(notEnvelope.statusCode()).isEqualTo(400);
        assertThat(client.read(notEnvelope.body()).path("code").asText()).isEqualTo("NOT_A_WEBHOOK");
        assertThat(noEntries.statusCode()).isEqualTo(400);
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413() {
        String padding = "x".repeat(4 * 1024 * 1024);
        long before = inboxRows();
        String body = Webhooks.text(newNumber(), "X", "wamid.big", T0, padding);
        // the service answers before it has read the whole body, and the connection may close before the client has
        // read the answer (seen once in CI: a cut chunked answer); Meta would send again, so does this test
        HttpResponse<String> response = null;
        for (int attempt = 1; response == null; attempt++) {
            try {
                response = client.postWebhook(body);
            } catch (UncheckedIOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(client.read(response.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void the_verification_handshake_echoes_the_challenge_only_for_the_right_token() {
        HttpResponse<String> ok = client.get("/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token"
                + "&hub.challenge=1158201444", null);
        HttpResponse<String> wrong = client.get("/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=guess"
                + "&hub.challenge=1158201444", null);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    @Test
    void the_same_body_delivered_three_times_concurrently_gives_one_message() {
        String waId = newNumber();
        String body = Webhooks.text(waId, "Otieno", "wamid.D-" + waId, T0, "Nataka kununua router");

        List<CompletableFuture<HttpResponse<String>>> deliveries = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.postWebhook(body))).toList();
        deliveries.forEach(delivery -> assertThat(delivery.join().statusCode()).isEqualTo(200));

        String conversation = awaitInboxItem(waId).path("id").asText();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                client.getJson("/api/conversations/" + conversation + "/messages", token).size() == 1);
        assertThat(inboxItemOf(waId).path("unreadCount").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like '%TextMessageReceived' "
                + "and aggregate_identifier = ?", Long.class, conversation)).isEqualTo(1);
    }

    @Test
    void a_body_from_two_customers_is_stored_as_one_part_each_and_each_message_reaches_its_own_conversation() {
        String first = newNumber();
        String second = newNumber();
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"220000000000002\",\"changes\":["
                + change(Webhooks.text(first, "Kamau", "wamid.P1-" + first, T0, "router down")) + ","
                + change(Webhooks.text(second, "Njeri", "wamid.P2-" + second, T0, "bill question")) + "]}]}";

        assertThat(client.postWebhook(body).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForList("select customer_key from webhook_inbox where body_sha256 = encode(sha256(?), 'hex') "
                + "order by id", String.class, (Object) body.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("wa:" + first, "wa:" + second);
        assertThat(awaitInboxItem(first).path("lastMessage").path("content").asText()).isEqualTo("router down");
        assertThat(awaitInboxItem(second).path("lastMessage").path("content").asText()).isEqualTo("bill question");
        assertThat(inboxItemOf(first).path("unreadCount").asInt()).isEqualTo(1);
        assertThat(inboxItemOf(second).path("unreadCount").asInt()).isEqualTo(1);
    }

    @Test
    void one_customers_messages_are_recorded_in_the_order_they_were_acknowledged_while_others_go_in_parallel() {
        String customer = newNumber();
        List<String> others = IntStream.range(0, 8).mapToObj(i -> newNumber()).toList();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String wamid = "wamid.O" + i + "-" + customer;
            sent.add(wamid);
            assertThat(client.postWebhook(Webhooks.text(customer, "Mwangi", wamid, T0 + 60 - i, "message " + i))
                    .statusCode()).isEqualTo(200);
            String other = others.get(i % others.size());
            client.postWebhook(Webhooks.text(other, "Other", "wamid.X" + i + "-" + other, T0, "hi " + i));
        }

        String conversation = awaitInboxItem(customer).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> recordedWamids(conversation).size() == sent.size());
        assertThat(recordedWamids(conversation)).containsExactlyElementsOf(sent);
    }

    /** The one change of a single-change body. */
    private static String change(String body) {
        int start = body.indexOf("{\"field\"");
        return body.substring(start, body.length() - "]}]}".length());
    }

    private List<String> recordedWamids(String conversation) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8')::json ->> 'wamid' from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%TextMessageReceived' order by sequence_number",
                String.class, conversation);
    }

    @Test
    void statuses_arriving_in_any_order_leave_the_highest_status() {
        String waId = newNumber();
        client.postWebhook(Webhooks.text(waId, "Akinyi", "wamid.in-" + waId, T0, "hello"));
        String conversation = awaitInboxItem(waId).path("id").asText();
        String outbound = "wamid.out-" + waId;
        List<String> order = new ArrayList<>(List.of("sent", "delivered", "read"));
        Collections.reverse(order);
        for (String status : order) {
            assertThat(client.postWebhook(Webhooks.statuses(List.of(Webhooks.status(outbound, waId, status, T0 + 10))))
                    .statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> "read".equals(jdbc.queryForList(
                "select status from message_status where wamid = ?", String.class, outbound).stream().findFirst().orElse(null)));
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%OutboundMessage%'", Long.class, conversation)).isEqualTo(1);
    }

    @Test
    void a_failed_status_is_recorded_with_metas_error() {
        String waId = newNumber();
        String outbound = "wamid.fail-" + waId;
        client.postWebhook(Webhooks.statuses(List.of(Webhooks.status(outbound, waId, "failed", T0))));

        await().atMost(Duration.ofSeconds(15)).until(() -> !jdbc.queryForList(
                "select wamid from message_status where wamid = ? and status = 'failed' and error_code = 131026",
                String.class, outbound).isEmpty());
    }

    @Test
    void when_the_store_is_unavailable_meta_gets_503_so_it_redelivers() {
        String waId = newNumber();
        String body = Webhooks.text(waId, "Kamau", "wamid.S-" + waId, T0, "store down?");
        jdbc.execute("alter table webhook_inbox rename to webhook_inbox_offline");
        HttpResponse<String> duringOutage;
        try {
            duringOutage = client.postWebhook(body);
        } finally {
            jdbc.execute("alter table webhook_inbox_offline rename to webhook_inbox");
        }
        assertThat(duringOutage.statusCode()).isEqualTo(503);
        assertThat(client.read(duringOutage.body()).path("code").asText()).isEqualTo("STORE_UNAVAILABLE");

        assertThat(client.postWebhook(body).statusCode()).isEqualTo(200);
        assertThat(awaitInboxItem(waId).path("lastMessage").path("content").asText()).isEqualTo("store down?");
    }
}
