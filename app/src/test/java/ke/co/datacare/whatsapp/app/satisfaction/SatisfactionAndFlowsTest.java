package ke.co.datacare.whatsapp.app.satisfaction;

import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customer satisfaction surveys and WhatsApp Flows over HTTP, on a service of its own (its own database, surveys
 * switched on with the approved template {@code customer_satisfaction}): what reaches Meta is read from the stub,
 * what customers answer comes back through signed webhooks in Meta's format.
 */
@TestPropertySource(properties = "datacare.csat.template=customer_satisfaction")
@Import(OwnDatabase.class)
class SatisfactionAndFlowsTest extends IntegrationTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254733100000L);
    private static final Duration WAIT = Duration.ofSeconds(20);


    @LocalServerPort
    int port;

    private ServiceClient client;
    private String token;

    @BeforeEach
    void signIn() {
        client = new ServiceClient(port, APP_SECRET);
        token = client.login(SignedInTest.ADMIN_EMAIL, SignedInTest.ADMIN_PASSWORD);
        await().atMost(WAIT).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
    }

    @Test
    void a_resolved_customer_rates_the_help_and_the_rating_counts_for_the_agent_without_reopening() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, "Router blinking red");

        assertThat(client.post("/api/conversations/" + conversation + "/resolve", token, "{}").statusCode())
                .isEqualTo(202);

        LoggedRequest survey = await().atMost(WAIT).until(() -> sentTo(waId, "template"), Optional::isPresent).get();
        JsonNode template = client.read(survey.getBodyAsString()).path("template");
        assertThat(template.path("name").asText()).isEqualTo("customer_satisfaction");
        assertThat(template.path("components").findValuesAsText("payload"))
                .containsExactly("csat:5", "csat:4", "csat:3", "csat:2", "csat:1");
        String surveyWamid = await().atMost(WAIT).until(() -> wamidOf(conversation, "survey"), id -> id != null);

        client.postWebhook(Webhooks.messages(waId, "Akinyi", List.of("{\"context\":{\"from\":\"254700000001\",\"id\":\""
                + surveyWamid + "\"},\"from\":\"" + waId + "\",\"id\":\"wamid.rate-" + waId + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"type\":\"button\",\"button\":{\"payload\":\"csat:5\","
                + "\"text\":\"Excellent\"}}")));

        JsonNode satisfaction = await().atMost(WAIT).until(() -> client.getJson("/api/analytics/satisfaction", token),
                answer -> answer.path("overall").path("ratings").asLong() == 1);
        assertThat(satisfaction.path("overall").path("surveys").asLong()).isEqualTo(1);
        assertThat(satisfaction.path("overall").path("average").asDouble()).isEqualTo(5.0);
        assertThat(satisfaction.path("overall").path("csat").asDouble()).isEqualTo(100.0);
        assertThat(satisfaction.path("agents")).hasSize(1);
        assertThat(satisfaction.path("handoffReasons").get(0).path("reason").asText()).isEqualTo("none");
        assertThat(client.getJson("/api/conversations/" + conversation, token).path("status").asText())
                .isEqualTo("resolved");
    }

    @Test
    void a_customer_who_opted_out_is_never_surveyed() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, "STOP");
        String contact = client.getJson("/api/conversations/" + conversation, token).path("contact").path("id").asText();
        await().atMost(WAIT).until(() -> client.getJson("/api/contacts/" + contact, token).path("optedOut").asBoolean());

        assertThat(client.post("/api/conversations/" + conversation + "/resolve", token, "{}").statusCode())
                .isEqualTo(202);

        await().atMost(WAIT).until(() -> client.getJson("/api/conversations/" + conversation, token)
                .path("status").asText().equals("resolved"));
        assertThat(sentTo(waId, "template")).isEmpty();
        assertThat(wamidOf(conversation, "survey")).isNull();
    }

    @Test
    void a_flow_sent_by_an_agent_comes_back_as_answers_linked_to_it() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = customerWrites(waId, "I need a technician");

        String messageId = client.read(client.post("/api/messages/send", token, "{\"conversationId\":\"" + conversation
                + "\",\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":\"Choose a time for the "
                + "technician\",\"flow\":{\"id\":\"1197715005513101\",\"cta\":\"Book a visit\",\"screen\":\"BOOKING\","
                + "\"data\":{\"plan\":\"Home 10\"}}}}").body()).path("id").asText();

        LoggedRequest sent = await().atMost(WAIT).until(() -> sentTo(waId, "interactive"), Optional::isPresent).get();
        JsonNode parameters = client.read(sent.getBodyAsString()).path("interactive").path("action").path("parameters");
        assertThat(parameters.path("flow_token").asText()).isEqualTo(messageId);
        assertThat(parameters.path("flow_action_payload").path("data").path("plan").asText()).isEqualTo("Home 10");
        String flowWamid = await().atMost(WAIT).until(() -> wamidOf(conversation, "agent:"), id -> id != null);

        client.postWebhook(Webhooks.messages(waId, "Otieno", List.of("{\"context\":{\"from\":\"254700000001\",\"id\":\""
                + flowWamid + "\"},\"from\":\"" + waId + "\",\"id\":\"wamid.flow-" + waId + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"type\":\"interactive\",\"interactive\":{\"type\":\"nfm_reply\","
                + "\"nfm_reply\":{\"name\":\"flow\",\"body\":\"Sent\",\"response_json\":\"{\\\"flow_token\\\":\\\""
                + messageId + "\\\",\\\"visit_date\\\":\\\"2026-12-08\\\",\\\"slot\\\":\\\"morning\\\"}\"}}}")));

        JsonNode answers = await().atMost(WAIT).until(() -> entry(conversation, "wamid.flow-" + waId), e -> e != null);
        JsonNode detail = client.read(answers.path("detail").asText());
        assertThat(answers.path("type").asText()).isEqualTo("nfm_reply");
        assertThat(answers.path("replyToWamid").asText()).isEqualTo(flowWamid);
        assertThat(detail.path("flowToken").asText()).isEqualTo(messageId);
        assertThat(detail.path("fields").path("visit_date").asText()).isEqualTo("2026-12-08");
        assertThat(detail.path("fields").path("slot").asText()).isEqualTo("morning");
    }

    /** A customer writes now, so the 24-hour window is open; returns the conversation id. */
    private String customerWrites(String waId, String text) {
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, "Akinyi", "wamid.in-" + waId, now, text));
        return await().atMost(WAIT).until(() -> {
            JsonNode inbox = client.getJson("/api/conversations?size=50&q=" + waId, token);
            return StreamSupport.stream(inbox.spliterator(), false)
                    .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                    .map(item -> item.path("id").asText()).findFirst().orElse(null);
        }, id -> id != null);
    }

    private static Optional<LoggedRequest> sentTo(String waId, String type) {
        return GraphStub.sends().stream()
                .filter(request -> request.getBodyAsString().contains("\"to\":\"+" + waId + "\"")
                        || request.getBodyAsString().contains("\"to\":\"" + waId + "\""))
                .filter(request -> request.getBodyAsString().contains("\"type\":\"" + type + "\""))
                .findFirst();
    }

    /** The wamid Meta gave our message sent by {@code sender} (a prefix), once accepted. */
    private String wamidOf(String conversation, String sender) {
        JsonNode timeline = client.getJson("/api/conversations/" + conversation + "/messages", token);
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(message -> message.path("sender").asText().startsWith(sender))
                .map(message -> message.path("wamid").asText(null)).filter(wamid -> wamid != null && !wamid.isBlank())
                .findFirst().orElse(null);
    }

    private JsonNode entry(String conversation, String wamid) {
        JsonNode timeline = client.getJson("/api/conversations/" + conversation + "/messages", token);
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(message -> wamid.equals(message.path("wamid").asText())).findFirst().orElse(null);
    }
}
