package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A business that also uses the WhatsApp Business app on the same number (coexistence): what staff type on the phone
 * reaches us as Meta's {@code smb_message_echoes}, and the app's past chats as {@code history} chunks. Bodies in
 * Meta's documented shapes.
 */
class BusinessAppCoexistenceTest extends SignedInTest {

    private static final String METADATA = "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
            + "\"254700000001\",\"phone_number_id\":\"" + Webhooks.PHONE_NUMBER_ID + "\"}";

    private static long at(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    private static String change(String field, String value) {
        return "{\"field\":\"" + field + "\",\"value\":{" + METADATA + "," + value + "}}";
    }

    private static String body(String... changes) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"220000000000002\",\"changes\":["
                + String.join(",", changes) + "]}]}";
    }

    private static String echo(String customer, String wamid, long timestamp, String text) {
        return change("smb_message_echoes", "\"message_echoes\":[{\"from\":\"254700000001\",\"to\":\"" + customer
                + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp + "\",\"type\":\"text\",\"text\":{"
                + "\"body\":\"" + text + "\"}}]");
    }

    private static String customerText(String customer, String wamid, long timestamp, String text) {
        return change("messages", "\"contacts\":[{\"profile\":{\"name\":\"Wanjiru\"},\"wa_id\":\"" + customer
                + "\"}],\"messages\":[" + Webhooks.message(customer, wamid, timestamp, "text", "{\"body\":\"" + text
                + "\"}") + "]");
    }

    private static String historyChunk(String customer, String chunkOrder) {
        String first = "{\"from\":\"" + customer + "\",\"id\":\"wamid.hist1-" + customer + "\",\"timestamp\":\""
                + at("2025-09-04T07:00:00Z") + "\",\"type\":\"text\",\"text\":{\"body\":\"Is fibre available in "
                + "Kilimani?\"},\"history_context\":{\"status\":\"READ\"}}";
        String answer = "{\"from\":\"254700000001\",\"to\":\"" + customer + "\",\"id\":\"wamid.hist2-" + customer
                + "\",\"timestamp\":\"" + at("2025-09-04T07:05:00Z") + "\",\"type\":\"text\",\"text\":{\"body\":"
                + "\"Yes, from KSh 2,999 a month\"},\"history_context\":{\"status\":\"DELIVERED\"}}";
        return change("history", "\"history\":[{\"metadata\":{\"phase\":1,\"chunk_order\":" + chunkOrder
                + ",\"progress\":40},\"threads\":[{\"id\":\"" + customer + "\",\"messages\":[" + answer + "," + first
                + "]}]}]");
    }

    private String conversationOf(String customer) {
        return jdbc.queryForObject("select c.conversation_id from inbox_conversation c join contact_view v "
                + "on v.contact_id = c.contact_id where v.wa_id = ?", String.class, customer);
    }

    private JsonNode timeline(String conversation) {
        return client.getJson("/api/conversations/" + conversation + "/messages", token);
    }

    private JsonNode timelineOf(String customer) {
        return timeline(conversationOf(customer));
    }

    private JsonNode inboxItemOf(String customer) {
        return client.getJson("/api/conversations/" + conversationOf(customer), token);
    }

    private static List<String> rows(JsonNode timeline) {
        return StreamSupport.stream(timeline.spliterator(), false).map(m -> m.path("direction").asText() + " "
                + m.path("sender").asText() + " " + m.path("text").asText()).toList();
    }

    private void caughtUp() {
        new QueryScenario(client, token, jdbc).awaitCaughtUp(ReadModels.GROUP);
    }

    @Test
    void what_staff_typed_on_the_business_app_shows_as_our_answer_and_counts_as_the_first_response() {
        String customer = QueryScenario.newNumber();
        client.postWebhook(body(customerText(customer, "wamid.co1-" + customer, at("2023-05-10T07:00:00Z"),
                        "Router haifanyi kazi"),
                echo(customer, "wamid.co2-" + customer, at("2023-05-10T07:05:00Z"), "Pole, technician anakuja")));
        caughtUp();

        assertThat(rows(timelineOf(customer))).containsExactly("inbound customer Router haifanyi kazi",
                "outbound business-app Pole, technician anakuja");
        assertThat(inboxItemOf(customer).path("lastMessage").path("content").asText())
                .isEqualTo("Pole, technician anakuja");
        JsonNode day = client.getJson("/api/analytics/overview?from=2023-05-10&to=2023-05-10", token)
                .path("periods").get(0).path("conversations");
        assertThat(day.path("firstResponse").path("count").asLong()).isEqualTo(1);
        assertThat(day.path("agentFirstResponse").path("count").asLong()).as("people answered, not the bot").isEqualTo(1);
        assertThat(day.path("agentFirstResponse").path("medianSeconds").asLong()).isEqualTo(300);
    }

    @Test
    void an_echo_meta_delivers_twice_shows_once() {
        String customer = QueryScenario.newNumber();
        long sent = Instant.now().getEpochSecond();
        client.postWebhook(body(echo(customer, "wamid.co3-" + customer, sent, "Karibu tena")));
        client.postWebhook(body(echo(customer, "wamid.co3-" + customer, sent, "Karibu tena"),
                customerText(customer, "wamid.co4-" + customer, sent + 60, "Asante")));
        caughtUp();

        assertThat(rows(timelineOf(customer))).containsExactly("outbound business-app Karibu tena",
                "inbound customer Asante");
    }

    @Test
    void imported_history_fills_the_timeline_in_order_once_and_leaves_the_conversation_resolved_and_read() {
        String customer = QueryScenario.newNumber();
        client.postWebhook(body(historyChunk(customer, "2")));
        client.postWebhook(body(historyChunk(customer, "2"), customerText(customer, "wamid.co5-" + customer,
                at("2025-09-05T07:00:00Z"), "Nimekubali")));
        caughtUp();

        JsonNode timeline = timelineOf(customer);
        assertThat(rows(timeline)).containsExactly("inbound customer Is fibre available in Kilimani?",
                "outbound business-app Yes, from KSh 2,999 a month", "inbound customer Nimekubali");
        assertThat(timeline.get(0).has("arrivedLate") && !timeline.get(0).path("arrivedLate").isNull())
                .as("history is not a late delivery").isFalse();
        JsonNode item = inboxItemOf(customer);
        assertThat(item.path("lastMessage").path("content").asText()).isEqualTo("Nimekubali");
        assertThat(item.path("unreadCount").asInt()).as("only the message that came after the history").isEqualTo(1);
    }

    @Test
    void a_conversation_that_only_history_begins_waits_for_nobody() {
        String customer = QueryScenario.newNumber();
        client.postWebhook(body(historyChunk(customer, "3")));
        caughtUp();

        JsonNode item = inboxItemOf(customer);
        assertThat(item.path("status").asText()).isEqualTo("resolved");
        assertThat(item.path("unreadCount").asInt()).isZero();
        assertThat(item.path("lastMessage").path("content").asText()).isEqualTo("Yes, from KSh 2,999 a month");
    }

    @Test
    void erasing_a_customer_erases_what_staff_typed_to_them_and_their_imported_history() {
        String customer = QueryScenario.newNumber();
        client.postWebhook(body(historyChunk(customer, "4"), echo(customer, "wamid.co6-" + customer,
                Instant.now().getEpochSecond(), "Akaunti yako ni 7731")));
        caughtUp();
        String contact = jdbc.queryForObject("select contact_id from contact_view where wa_id = ?", String.class,
                customer);
        String conversation = conversationOf(customer);

        assertThat(client.request("POST", "/api/contacts/" + contact + "/erasure", token, "application/json",
                "{\"reason\":\"subject's request\"}").statusCode()).isEqualTo(202);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(rows(timeline(conversation))).containsExactly("inbound customer erased",
                        "outbound business-app erased", "outbound business-app erased"));
    }
}
