package ke.co.datacare.whatsapp.app.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboundMessagingTest extends SignedInTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254722000000L);

    @Autowired
    EventProcessingConfiguration processing;


    @BeforeEach
    void setUp() {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
    }

    @AfterEach
    void restoreStub() {
        GraphStub.reset();
    }

    /** A customer writes now, so the 24-hour window is open; returns the conversation id. */
    private String customerWrites(String waId, long epochSeconds) {
        client.postWebhook(Webhooks.text(waId, "Mwangi", "wamid.in-" + waId + "-" + epochSeconds, epochSeconds, "Habari"));
        return await().atMost(Duration.ofSeconds(15)).until(() -> inboxConversationOf(waId), id -> id != null);
    }

    private HttpResponse<String> send(String json) {
        return client.post("/api/messages/send", token, json);
    }

    @Test
    void a_reply_inside_the_window_reaches_meta_in_its_format_and_statuses_move_its_ticks() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, Instant.now().getEpochSecond());

        HttpResponse<String> response = send("{\"conversationId\":\"" + conversation + "\",\"content\":\"Karibu! \\ud83d\\ude00\",\"type\":\"text\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        String messageId = client.read(response.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(GraphStub.messagesPath())).withRequestBody(equalToJson(
                        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + waId + "\","
                                + "\"type\":\"text\",\"text\":{\"body\":\"Karibu! 😀\",\"preview_url\":false},"
                                + "\"biz_opaque_callback_data\":\"" + messageId + "\"}", true, true))));
        JsonNode accepted = await().atMost(Duration.ofSeconds(15))
                .until(() -> timelineMessage(conversation, messageId), m -> m != null && m.path("wamid").asText().startsWith("wamid.STUB"));
        assertThat(accepted.path("direction").asText()).isEqualTo("outbound");
        assertThat(accepted.path("send").path("state").asText()).isEqualTo("accepted");

        String wamid = accepted.path("wamid").asText();
        client.postWebhook(Webhooks.statuses(List.of(Webhooks.status(wamid, waId, "read", Instant.now().getEpochSecond()),
                Webhooks.status(wamid, waId, "delivered", Instant.now().getEpochSecond()))));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                "read".equals(timelineMessage(conversation, messageId).path("delivery").path("status").asText()));
    }

    @Test
    void a_reply_reaches_meta_in_the_transaction_of_its_event_without_waiting_for_the_outbound_dispatch_processor() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, Instant.now().getEpochSecond());
        EventProcessor backstop = processing.eventProcessor("outbound-dispatch").orElseThrow();
        backstop.shutDown();
        try {
            HttpResponse<String> response = send("{\"conversationId\":\"" + conversation + "\",\"content\":\"Tumepokea\"}");

            assertThat(response.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> GraphStub.server().verify(1,
                    postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                            .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))));
        } finally {
            backstop.start();
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))));
    }

    @Test
    void free_text_outside_the_window_is_refused_while_an_approved_template_goes_through() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, Instant.now().minus(Duration.ofHours(30)).getEpochSecond());

        HttpResponse<String> refused = send("{\"conversationId\":\"" + conversation + "\",\"clientMessageId\":\"late-"
                + waId + "\",\"content\":\"Still there?\"}");
        HttpResponse<String> template = send("{\"conversationId\":\"" + conversation + "\",\"type\":\"template\","
                + "\"template\":{\"name\":\"order_update\",\"language\":\"en\",\"components\":[{\"type\":\"body\","
                + "\"parameters\":[{\"type\":\"text\",\"text\":\"Mwangi\"},{\"type\":\"text\",\"text\":\"DC-1042\"}]}]}}");

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("WINDOW_CLOSED");
        assertThat(problem.path("windowClosedAt").asText()).isNotBlank();
        assertThat(problem.path("templateRequired").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from client_message_id where message_id = ?", Integer.class,
                "late-" + waId)).as("the refused message's id is not claimed").isZero();
        assertThat(template.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))
                        .withRequestBody(matchingJsonPath("$.template.name", com.github.tomakehurst.wiremock.client.WireMock.equalTo("order_update")))));
    }

    @Test
    void templates_must_be_approved_and_given_all_their_parameters() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        HttpResponse<String> pending = send("{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":{\"name\":\"draft_notice\",\"language\":\"en\"}}");
        HttpResponse<String> wrongLanguage = send("{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"sw\"}}");
        HttpResponse<String> missingParameter = send("{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":{\"name\":\"order_update\","
                + "\"language\":\"en\",\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Mwangi\"}]}]}}");
        HttpResponse<String> firstContact = send("{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");

        assertThat(client.read(pending.body()).path("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(client.read(wrongLanguage.body()).path("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(missingParameter.statusCode()).isEqualTo(400);
        assertThat(firstContact.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(GraphStub.sends()).anySatisfy(request ->
                assertThat(request.getBodyAsString()).contains("\"to\":\"" + waId + "\"").contains("hello_world")));
    }

    @Test
    void a_refused_first_message_to_a_new_number_leaves_no_contact_no_conversation_and_no_claimed_id_behind() {
        String texted = String.valueOf(NUMBERS.incrementAndGet());
        String unapproved = String.valueOf(NUMBERS.incrementAndGet());

        HttpResponse<String> text = send("{\"to\":\"+" + texted + "\",\"clientMessageId\":\"first-" + texted
                + "\",\"content\":\"Habari, karibu\"}");
        HttpResponse<String> draft = send("{\"to\":\"+" + unapproved + "\",\"type\":\"template\","
                + "\"template\":{\"name\":\"draft_notice\",\"language\":\"en\"}}");

        assertThat(text.statusCode()).isEqualTo(422);
        assertThat(client.read(text.body()).path("code").asText()).isEqualTo("WINDOW_CLOSED");
        assertThat(client.read(draft.body()).path("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
        for (String waId : List.of(texted, unapproved)) {
            assertThat(jdbc.queryForObject("select count(*) from contact_identity where identity = ?", Integer.class,
                    "wa_id:" + waId)).as("contacts linked to %s", waId).isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from client_message_id where message_id = ?", Integer.class,
                "first-" + texted)).isZero();
        HttpResponse<String> template = send("{\"to\":\"+" + texted + "\",\"clientMessageId\":\"first-" + texted
                + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");
        assertThat(template.statusCode()).isEqualTo(202);
        String conversation = client.read(template.body()).path("conversationId").asText();
        assertThat(jdbc.queryForObject("select count(*) from conversation_directory where conversation_id = ?",
                Integer.class, conversation)).isOne();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> GraphStub.server().verify(1,
                postRequestedFor(urlPathEqualTo(GraphStub.messagesPath()))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(texted)))));
    }

    @Test
    void a_contact_who_wrote_stop_gets_no_marketing_template() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long now = Instant.now().getEpochSecond();
        customerWrites(waId, now);
        client.postWebhook(Webhooks.text(waId, "Mwangi", "wamid.stop-" + waId, now + 1, "STOP"));
        String offer = "{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":{\"name\":\"december_offer\","
                + "\"language\":\"en\",\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Mwangi\"}]}]}}";

        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(15)).until(() -> send(offer),
                response -> response.statusCode() == 422);
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("CONTACT_OPTED_OUT");
        HttpResponse<String> utility = send("{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");
        assertThat(utility.statusCode()).isEqualTo(202);
    }

    @Test
    void whatsapp_limits_are_checked_before_anything_is_sent() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, Instant.now().getEpochSecond());
        HttpResponse<String> tooManyButtons = send("{\"conversationId\":\"" + conversation + "\",\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"button\",\"body\":\"Choose\",\"buttons\":[{\"id\":\"a\",\"title\":\"A\"},"
                + "{\"id\":\"b\",\"title\":\"B\"},{\"id\":\"c\",\"title\":\"C\"},{\"id\":\"d\",\"title\":\"D\"}]}}");
        HttpResponse<String> tooLong = send("{\"conversationId\":\"" + conversation + "\",\"content\":\"" + "x".repeat(4097) + "\"}");

        assertThat(tooManyButtons.statusCode()).isEqualTo(400);
        assertThat(tooManyButtons.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.read(tooManyButtons.body()).path("errors").get(0).path("field").asText()).isEqualTo("buttons");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(GraphStub.sends()).noneSatisfy(request -> assertThat(request.getBodyAsString()).contains(waId));
    }

    @Test
    void a_transient_failure_is_retried_with_backoff_until_meta_accepts() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, Instant.now().getEpochSecond());
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody(GraphStub.metaError(131000, "Something went wrong"))));

        String messageId = client.read(send("{\"conversationId\":\"" + conversation + "\",\"content\":\"Retry me\"}").body())
                .path("id").asText();

        JsonNode accepted = await().atMost(Duration.ofSeconds(30)).until(() -> timelineMessage(conversation, messageId),
                m -> m != null && "accepted".equals(m.path("send").path("state").asText()));
        assertThat(accepted.path("wamid").asText()).startsWith("wamid.STUB");
        assertThat(GraphStub.sends()).filteredOn(request -> request.getBodyAsString().contains(waId)).hasSize(2);
    }

    @Test
    void a_message_is_followed_by_the_id_the_send_answered_with_from_accepted_to_delivered() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long now = Instant.now().getEpochSecond();
        String conversation = customerWrites(waId, now);
        String messageId = client.read(send("{\"conversationId\":\"" + conversation + "\",\"content\":\"Asante\"}").body())
                .path("id").asText();

        JsonNode accepted = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.get("/api/messages/" + messageId + "/status", token),
                response -> response.statusCode() == 200 && "accepted".equals(client.read(response.body()).path("status").asText()))
                .body().transform(client::read);
        String wamid = accepted.path("wamid").asText();
        assertThat(wamid).startsWith("wamid.STUB");
        assertThat(accepted.path("conversationId").asText()).isEqualTo(conversation);

        client.postWebhook(Webhooks.statuses(List.of(Webhooks.status(wamid, waId, "delivered", now + 5))));
        JsonNode delivered = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.getJson("/api/messages/" + messageId + "/status", token),
                status -> "delivered".equals(status.path("status").asText()));
        assertThat(delivered.path("wamid").asText()).isEqualTo(wamid);
        assertThat(client.getJson("/api/messages/" + wamid + "/status", token).path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void a_permanent_failure_is_recorded_once_and_never_retried() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, Instant.now().getEpochSecond());
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphStub.metaError(131026, "Message undeliverable"))));

        String messageId = client.read(send("{\"conversationId\":\"" + conversation + "\",\"content\":\"Never arrives\"}").body())
                .path("id").asText();

        JsonNode abandoned = await().atMost(Duration.ofSeconds(15)).until(() -> timelineMessage(conversation, messageId),
                m -> m != null && "abandoned".equals(m.path("send").path("state").asText()));
        assertThat(abandoned.path("send").path("errorCode").asInt()).isEqualTo(131026);
        assertThat(abandoned.path("send").path("errorClass").asText()).isEqualTo("PERMANENT");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                GraphStub.sends().stream().filter(request -> request.getBodyAsString().contains(waId)).count() == 1);
    }

    @Test
    void an_agent_reading_a_conversation_sends_blue_ticks_and_clears_its_unread_count() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        long now = Instant.now().getEpochSecond();
        String conversation = customerWrites(waId, now);
        client.postWebhook(Webhooks.text(waId, "Mwangi", "wamid.later-" + waId, now + 1, "Mko?"));
        await().atMost(Duration.ofSeconds(15)).until(() -> unreadCount(waId) == 2);

        assertThat(client.post("/api/conversations/" + conversation + "/read", token, "").statusCode()).isEqualTo(202);
        assertThat(client.post("/api/conversations/" + conversation + "/read", token, "").statusCode()).isEqualTo(202);
        assertThat(client.post("/api/conversations/" + conversation + "/typing", token, "").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            GraphStub.server().verify(1, postRequestedFor(urlPathEqualTo(GraphStub.messagesPath())).withRequestBody(
                    equalToJson("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.later-" + waId + "\"}")));
            GraphStub.server().verify(1, postRequestedFor(urlPathEqualTo(GraphStub.messagesPath())).withRequestBody(
                    equalToJson("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.later-" + waId
                            + "\",\"typing_indicator\":{\"type\":\"text\"}}")));
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> unreadCount(waId) == 0);
    }

    @Test
    void a_conversation_the_customer_never_wrote_in_cannot_be_marked_read() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        send("{\"to\":\"+" + waId + "\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":\"en_US\"}}");
        String conversation = await().atMost(Duration.ofSeconds(15)).until(() -> inboxConversationOf(waId), id -> id != null);

        HttpResponse<String> refused = client.post("/api/conversations/" + conversation + "/read", token, "");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(client.read(refused.body()).path("code").asText()).isEqualTo("CONFLICT");
    }

    private int unreadCount(String waId) {
        JsonNode inbox = client.getJson("/api/conversations?size=50&q=" + waId, token);
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                .mapToInt(item -> item.path("unreadCount").asInt()).findFirst().orElse(-1);
    }
}
