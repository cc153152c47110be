package ke.co.datacare.whatsapp.app.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole service instances started and stopped inside the test, on a database of their own: what one
 * instance queued, another one sends, once, and a retry waiting in its backoff survives a restart.
 */
class OutboundAcrossInstancesTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254733000000L);

    private final String database = TestDatabase.create("datacare_instances_"
            + Long.toHexString(System.nanoTime()));
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        running.forEach(ConfigurableApplicationContext::close);
        GraphStub.reset();
    }

    private Instance start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WhatsAppPlatformApplication.class)
                .profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestDatabase.USER, "--spring.datasource.password=",
                        "--datacare.whatsapp.api-url=" + GraphStub.apiUrl());
        running.add(context);
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        ServiceClient client = new ServiceClient(port, IntegrationTest.APP_SECRET);
        String token = client.login("admin@test.datacare.local", "admin-password");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/templates/sync", token, "{}").statusCode() == 200);
        return new Instance(context, client, token);
    }

    private record Instance(ConfigurableApplicationContext context, ServiceClient client, String token) {

        void stop() {
            context.close();
        }

        String customerWrites(String waId) {
            long now = Instant.now().getEpochSecond();
            client.postWebhook(Webhooks.text(waId, "Wanjiru", "wamid.in-" + waId + "-" + now, now, "Habari"));
            return await().atMost(Duration.ofSeconds(20)).until(() -> conversationOf(waId), id -> id != null);
        }

        String conversationOf(String waId) {
            JsonNode inbox = client.getJson("/api/conversations?size=5&q=" + waId, token);
            return StreamSupport.stream(inbox.spliterator(), false)
                    .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                    .map(item -> item.path("id").asText()).findFirst().orElse(null);
        }

        String reply(String conversation, String text) {
            var response = client.post("/api/messages/send", token,
                    "{\"conversationId\":\"" + conversation + "\",\"content\":\"" + text + "\"}");
            assertThat(response.statusCode()).isEqualTo(202);
            return client.read(response.body()).path("id").asText();
        }

        String sendState(String conversation, String messageId) {
            JsonNode timeline = client.getJson("/api/conversations/" + conversation + "/messages", token);
            return StreamSupport.stream(timeline.spliterator(), false)
                    .filter(message -> messageId.equals(message.path("id").asText()))
                    .map(message -> message.path("send").path("state").asText()).findFirst().orElse("");
        }
    }

    private static long sendsTo(String waId) {
        return GraphStub.sends().stream().filter(request -> request.getBodyAsString().contains("\"to\":\"" + waId + "\"")).count();
    }

    @Test
    void two_instances_on_one_database_send_every_message_once_and_the_survivor_takes_over() {
        Instance first = start();
        Instance second = start();
        Map<String, String> conversations = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String waId = String.valueOf(NUMBERS.incrementAndGet());
            conversations.put(waId, (i % 2 == 0 ? first : second).customerWrites(waId));
        }

        // a permanent failure is never retried, so every further request to Meta would be a duplicate
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", matching("2547330\\d+")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphStub.metaError(131026, "Message undeliverable"))));
        conversations.forEach((waId, conversation) -> first.reply(conversation, "Asante, tumepokea"));
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.keySet().stream().allMatch(waId -> sendsTo(waId) >= 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                conversations.keySet().stream().allMatch(waId -> sendsTo(waId) == 1));
        first.stop();
        conversations.forEach((waId, conversation) -> second.reply(conversation, "Agizo lako limetumwa"));

        await().atMost(Duration.ofSeconds(60)).until(() -> conversations.keySet().stream().allMatch(waId -> sendsTo(waId) >= 2));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                conversations.keySet().stream().allMatch(waId -> sendsTo(waId) == 2));
    }

    @Test
    void a_retry_waiting_in_its_backoff_is_sent_after_the_service_restarts() {
        Instance before = start();
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = before.customerWrites(waId);
        // 131056 (pair rate limit) backs off 4^1 s, with jitter at least 3.2 s: time enough to stop the service
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))
                .inScenario("pair-limit").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("cooled-down")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphStub.metaError(131056, "(Business Account, Consumer Account) pair rate limit hit"))));

        String messageId = before.reply(conversation, "Tafadhali subiri");
        await().atMost(Duration.ofSeconds(20)).until(() -> before.sendState(conversation, messageId), "failed"::equals);
        before.stop();
        assertThat(sendsTo(waId)).as("attempts before the restart").isEqualTo(1);

        Instance after = start();
        await().atMost(Duration.ofSeconds(30)).until(() -> after.sendState(conversation, messageId), "accepted"::equals);
        assertThat(sendsTo(waId)).as("attempts in all").isEqualTo(2);
    }
}
