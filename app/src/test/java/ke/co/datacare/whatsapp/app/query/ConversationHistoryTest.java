package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConversationHistoryTest extends SignedInTest {

    private static final long T0 = 1_764_057_600L;


    private QueryScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new QueryScenario(client, token, jdbc);
    }

    private JsonNode live(String conversation) {
        return client.getJson("/api/conversations/" + conversation + "/messages", token);
    }

    private static List<JsonNode> fromCustomer(JsonNode timeline) {
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(message -> message.path("direction").asText().equals("inbound")).toList();
    }

    private void awaitCustomerMessages(String conversation, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> fromCustomer(live(conversation)).size() == count);
    }

    private JsonNode ours(String conversation, String messageId) {
        return StreamSupport.stream(live(conversation).spliterator(), false)
                .filter(message -> message.path("id").asText().equals(messageId)).findFirst()
                .orElse(client.read("{}"));
    }

    private JsonNode inboxItem(String conversation) {
        for (int page = 0; page < 20; page++) {
            JsonNode items = client.getJson("/api/conversations?size=500&page=" + page, token);
            java.util.Optional<JsonNode> found = StreamSupport.stream(items.spliterator(), false)
                    .filter(item -> item.path("id").asText().equals(conversation)).findFirst();
            if (found.isPresent() || items.isEmpty()) {
                return found.orElseThrow();
            }
        }
        throw new IllegalStateException("conversation " + conversation + " is not in the inbox");
    }

    private JsonNode history(String conversation) {
        return client.getJson("/api/conversations/" + conversation + "/history", token);
    }

    private void awaitHistoryMatchingTheLiveInbox(String conversation) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            scenario.awaitCaughtUp(ReadModels.GROUP);
            JsonNode now = history(conversation);
            assertThat(now.path("timeline")).isEqualTo(live(conversation));
            assertThat(now.path("conversation")).isEqualTo(inboxItem(conversation));
        });
    }

    private Instant lastStored(String conversation) {
        return Instant.parse(jdbc.queryForObject("select max(time_stamp) from domain_event_entry where aggregate_identifier = ?",
                String.class, conversation));
    }

    private static String imageReplyingTo(String waId, String wamid, long timestamp, String repliedTo) {
        return "{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp + "\",\"context\":{\"from\":\""
                + waId + "\",\"id\":\"" + repliedTo + "\"},\"type\":\"image\",\"image\":{\"id\":\"media-" + waId
                + "\",\"mime_type\":\"image/jpeg\",\"caption\":\"Hii ndiyo router\"}}";
    }

    @Test
    void the_conversation_as_it_was_between_two_webhooks_shows_only_the_first_message() throws InterruptedException {
        String waId = QueryScenario.newNumber();
        String first = "wamid.h1-" + waId;
        client.postWebhook(Webhooks.text(waId, "Njeri", first, T0, "Habari, router haifanyi kazi"));
        String conversation = scenario.conversationOf(waId);
        awaitCustomerMessages(conversation, 1);
        Instant between = lastStored(conversation).plusMillis(1);
        Thread.sleep(20);
        client.postWebhook(Webhooks.messages(waId, "Njeri Kamau", List.of(
                imageReplyingTo(waId, "wamid.h2-" + waId, T0 + 60, first),
                Webhooks.message(waId, "wamid.h3-" + waId, T0 + 120, "location",
                        "{\"latitude\":-1.2921,\"longitude\":36.8219,\"name\":\"Nairobi CBD\",\"address\":\"Moi Avenue\"}"),
                Webhooks.message(waId, "wamid.h4-" + waId, T0 + 180, "reaction",
                        "{\"message_id\":\"" + first + "\",\"emoji\":\"\\ud83d\\ude4f\"}"))));
        awaitCustomerMessages(conversation, 4);

        JsonNode then = client.getJson("/api/conversations/" + conversation + "/history?asOf=" + between, token);

        assertThat(then.path("asOf").asText()).isEqualTo(between.toString());
        List<JsonNode> messages = fromCustomer(then.path("timeline"));
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("text").asText()).isEqualTo("Habari, router haifanyi kazi");
        assertThat(messages.get(0).has("customerReaction")).isFalse();
        assertThat(then.path("conversation").path("unreadCount").asInt()).isEqualTo(1);
        assertThat(then.path("conversation").path("contact").path("name").asText()).isEqualTo("Njeri");
        assertThat(then.path("conversation").path("windowClosesAt").asText()).isEqualTo("2025-11-26T08:00:00Z");
        assertThat(fromCustomer(history(conversation).path("timeline"))).hasSize(4);
    }

    @Test
    void the_conversation_as_it_is_now_matches_the_live_inbox_and_timeline() {
        String waId = QueryScenario.newNumber();
        String first = "wamid.n1-" + waId;
        client.postWebhook(Webhooks.text(waId, "Kiprop", first, T0, "Nataka kulipa bili"));
        client.postWebhook(Webhooks.messages(waId, "Kiprop", List.of(
                imageReplyingTo(waId, "wamid.n2-" + waId, T0 + 60, first),
                Webhooks.message(waId, "wamid.n3-" + waId, T0 + 120, "location",
                        "{\"latitude\":0.5143,\"longitude\":35.2698,\"name\":\"Eldoret\"}"),
                Webhooks.message(waId, "wamid.n4-" + waId, T0 + 180, "reaction",
                        "{\"message_id\":\"" + first + "\",\"emoji\":\"\\ud83d\\udc4d\"}"))));
        String conversation = scenario.conversationOf(waId);
        awaitCustomerMessages(conversation, 4);

        awaitHistoryMatchingTheLiveInbox(conversation);

        List<JsonNode> messages = fromCustomer(history(conversation).path("timeline"));
        assertThat(messages.get(0).path("customerReaction").asText()).isEqualTo("👍");
        assertThat(messages.get(1).path("replyToWamid").asText()).isEqualTo(first);
    }

    @Test
    void our_reply_and_its_delivery_appear_in_the_history_as_in_the_live_timeline() {
        String waId = QueryScenario.newNumber();
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, "Wambui", "wamid.o1-" + waId, now, "Mtandao uko chini?"));
        String conversation = scenario.conversationOf(waId);
        HttpResponse<String> sent = client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"type\":\"text\",\"content\":\"Pole, tunarekebisha sasa hivi\"}");
        assertThat(sent.statusCode()).isEqualTo(202);
        String messageId = client.read(sent.body()).path("id").asText();
        String wamid = await().atMost(Duration.ofSeconds(20)).until(() -> ours(conversation, messageId).path("wamid").asText(),
                accepted -> !accepted.isEmpty());
        client.postWebhook(Webhooks.statuses(List.of(Webhooks.status(wamid, waId, "delivered", now + 5))));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "delivered".equals(ours(conversation, messageId).path("delivery").path("status").asText()));

        awaitHistoryMatchingTheLiveInbox(conversation);

        JsonNode reply = StreamSupport.stream(history(conversation).path("timeline").spliterator(), false)
                .filter(message -> message.path("id").asText().equals(messageId)).findFirst().orElseThrow();
        assertThat(reply.path("direction").asText()).isEqualTo("outbound");
        assertThat(reply.path("send").path("state").asText()).isEqualTo("accepted");
        assertThat(reply.path("delivery").path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void before_its_first_event_a_conversation_did_not_exist() {
        String waId = QueryScenario.newNumber();
        client.postWebhook(Webhooks.text(waId, "Chebet", "wamid.x1-" + waId, T0, "Habari"));
        String conversation = scenario.conversationOf(waId);

        HttpResponse<String> before = client.get("/api/conversations/" + conversation + "/history?asOf=2020-01-01T00:00:00Z",
                token);
        HttpResponse<String> unknown = client.get("/api/conversations/no-such-conversation/history", token);

        assertThat(before.statusCode()).isEqualTo(404);
        assertThat(client.read(before.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
