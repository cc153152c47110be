package ke.co.datacare.whatsapp.app.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two business numbers configured (the test profile's default number and {@link GraphStub#SECOND_PHONE_NUMBER_ID}):
 * replies, read receipts and campaigns go from the number their conversation or campaign belongs to, as the stub
 * Graph API sees in the path of each request; a conversation on a number that is not ours fails without a call.
 */
class SeveralBusinessNumbersTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254744000000L);
    private static final String FOREIGN_NUMBER = "110000000000099";
    private static final String SECOND_MESSAGES = GraphStub.VERSION + "/" + GraphStub.SECOND_PHONE_NUMBER_ID + "/messages";

    /** The stub answers with its defaults, whatever an earlier test added. */
    @BeforeEach
    void defaultStub() {
        GraphStub.reset();
    }

    /** A customer writes to our business number {@code phoneNumberId}; returns the conversation id. */
    private String customerWritesTo(String phoneNumberId, String waId) {
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.envelope("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
                + "\"254700000002\",\"phone_number_id\":\"" + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":"
                + "\"Njeri\"},\"wa_id\":\"" + waId + "\"}],\"messages\":[" + Webhooks.message(waId, "wamid.in-" + waId, now,
                "text", "{\"body\":\"Habari\"}") + "]}"));
        return await().atMost(Duration.ofSeconds(15)).until(() -> inboxConversationOf(waId), id -> id != null);
    }

    private String reply(String conversation, String text) {
        HttpResponse<String> response = client.post("/api/messages/send", token,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"" + text + "\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        return client.read(response.body()).path("id").asText();
    }

    private static int requestsTo(String path, String waId) {
        return GraphStub.server().findAll(postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))).size();
    }

    @Test
    void an_agent_answers_a_customer_from_the_number_the_customer_wrote_to_and_marks_it_read_there() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWritesTo(GraphStub.SECOND_PHONE_NUMBER_ID, waId);

        reply(conversation, "Karibu");
        assertThat(client.post("/api/conversations/" + conversation + "/read", token, "{}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo(SECOND_MESSAGES, waId) == 1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(SECOND_MESSAGES))
                        .withRequestBody(matchingJsonPath("$.status", equalTo("read")))
                        .withRequestBody(matchingJsonPath("$.message_id", equalTo("wamid.in-" + waId)))));
        assertThat(requestsTo(GraphStub.messagesPath(), waId)).as("nothing from the default number").isZero();
    }

    @Test
    void a_reply_in_a_conversation_whose_number_is_unknown_goes_from_the_default_number() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long now = Instant.now().getEpochSecond();
        // written before numbers were recorded: Meta's metadata without phone_number_id
        client.postWebhook(Webhooks.envelope("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
                + "\"254700000001\"},\"contacts\":[{\"profile\":{\"name\":\"Akinyi\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[" + Webhooks.message(waId, "wamid.in-" + waId, now, "text", "{\"body\":\"Habari\"}") + "]}"));
        String conversation = await().atMost(Duration.ofSeconds(15)).until(() -> inboxConversationOf(waId), id -> id != null);

        String messageId = reply(conversation, "Karibu");

        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo(GraphStub.messagesPath(), waId) == 1);
        JsonNode sent = await().atMost(Duration.ofSeconds(15)).until(() -> timelineMessage(conversation, messageId),
                message -> message != null && !message.path("send").path("state").asText().equals("queued"));
        assertThat(sent.path("send").path("errorTitle").asText()).isEmpty();
        assertThat(requestsTo(SECOND_MESSAGES, waId)).isZero();
    }

    @Test
    void a_message_to_a_phone_number_goes_from_the_number_the_client_chose_and_a_number_not_ours_is_refused_naming_the_field() {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        String chosen = String.valueOf(NUMBERS.incrementAndGet());
        String unchosen = String.valueOf(NUMBERS.incrementAndGet());
        String hello = "{\"to\":\"+%s\",%s\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}";

        HttpResponse<String> refused = client.post("/api/messages/send", token,
                hello.formatted(chosen, "\"phoneNumberId\":\"" + FOREIGN_NUMBER + "\","));
        HttpResponse<String> fromSecond = client.post("/api/messages/send", token,
                hello.formatted(chosen, "\"phoneNumberId\":\"" + GraphStub.SECOND_PHONE_NUMBER_ID + "\","));
        HttpResponse<String> fromDefault = client.post("/api/messages/send", token, hello.formatted(unchosen, ""));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("UNKNOWN_BUSINESS_NUMBER");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("phoneNumberId");
        assertThat(fromSecond.statusCode()).isEqualTo(202);
        assertThat(fromDefault.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo(SECOND_MESSAGES, chosen) == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo(GraphStub.messagesPath(), unchosen) == 1);
        assertThat(requestsTo(GraphStub.messagesPath(), chosen)).as("nothing from the default number").isZero();
        assertThat(requestsTo(SECOND_MESSAGES, unchosen)).isZero();
        String conversation = client.read(fromSecond.body()).path("conversationId").asText();

        HttpResponse<String> elsewhere = client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"phoneNumberId\":\"" + GraphStub.PHONE_NUMBER_ID + "\",\"content\":\"Karibu\"}");
        HttpResponse<String> same = client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"phoneNumberId\":\"" + GraphStub.SECOND_PHONE_NUMBER_ID + "\",\"type\":\"template\","
                + "\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");

        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(client.read(elsewhere.body()).path("errors").findValuesAsText("field")).containsExactly("phoneNumberId");
        assertThat(same.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo(SECOND_MESSAGES, chosen) == 2);
    }

    @Test
    void a_reply_in_a_conversation_on_a_number_that_is_not_ours_fails_for_good_saying_why_without_calling_meta() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWritesTo(FOREIGN_NUMBER, waId);

        String messageId = reply(conversation, "Karibu");

        JsonNode failed = await().atMost(Duration.ofSeconds(15)).until(() -> timelineMessage(conversation, messageId),
                message -> message != null && message.path("send").path("state").asText().equals("abandoned"));
        assertThat(failed.path("send").path("errorTitle").asText()).isEqualTo("Unknown business number");
        assertThat(failed.path("send").path("errorClass").asText()).isEqualTo("PERMANENT");
        assertThat(GraphStub.server().findAll(postRequestedFor(urlPathMatching(".*/" + FOREIGN_NUMBER + "/.*")))).isEmpty();
        assertThat(requestsTo(GraphStub.messagesPath(), waId) + requestsTo(SECOND_MESSAGES, waId)).isZero();
    }

    @Test
    void a_campaign_sends_from_the_number_it_chose_and_an_unknown_number_is_refused_with_a_stable_code() {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        List<String> recipients = List.of(String.valueOf(NUMBERS.incrementAndGet()), String.valueOf(NUMBERS.incrementAndGet()));
        String offer = "{\"name\":\"Second number offer\",\"template\":{\"name\":\"december_offer\",\"language\":\"en\","
                + "\"parameters\":[{\"source\":\"profileName\",\"default\":\"customer\"}]},\"audience\":{\"phoneNumbers\":"
                + "[\"+" + recipients.get(0) + "\",\"+" + recipients.get(1) + "\"]},\"phoneNumberId\":\"%s\"}";

        HttpResponse<String> refused = client.post("/api/campaigns", token, offer.formatted(FOREIGN_NUMBER));
        HttpResponse<String> created = client.post("/api/campaigns", token, offer.formatted(GraphStub.SECOND_PHONE_NUMBER_ID));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("UNKNOWN_BUSINESS_NUMBER");
        assertThat(created.statusCode()).isEqualTo(201);
        String campaign = client.read(created.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> assertThat(client.getJson("/api/campaigns/" + campaign,
                token).path("phoneNumberId").asText()).as("the read model shows the number").isEqualTo(GraphStub.SECOND_PHONE_NUMBER_ID));
        assertThat(client.post("/api/campaigns/" + campaign + "/start", token, "{}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recipients)
                .allSatisfy(waId -> assertThat(requestsTo(SECOND_MESSAGES, waId)).isEqualTo(1)));
        assertThat(recipients).allSatisfy(waId -> assertThat(requestsTo(GraphStub.messagesPath(), waId)).isZero());
    }

    @Test
    void the_numbers_list_shows_every_number_the_default_first_each_at_its_own_rate() {
        JsonNode numbers = client.getJson("/api/numbers", token);

        assertThat(numbers.findValuesAsText("phoneNumberId"))
                .containsExactly(GraphStub.PHONE_NUMBER_ID, GraphStub.SECOND_PHONE_NUMBER_ID);
        assertThat(numbers.get(0).path("isDefault").asBoolean()).isTrue();
        assertThat(numbers.get(0).path("messagesPerSecond").asInt()).isEqualTo(80);
        assertThat(numbers.get(1).path("isDefault").asBoolean()).isFalse();
        assertThat(numbers.get(1).path("source").asText()).isEqualTo("CONFIGURED");
        assertThat(numbers.get(1).path("messagesPerSecond").asInt()).isEqualTo(20);
        assertThat(numbers.get(1).path("messagingLimit").path("inForce").asText()).isNotBlank();
    }
}
