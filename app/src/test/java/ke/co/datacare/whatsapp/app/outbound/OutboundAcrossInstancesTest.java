package ke.co.datacare.whatsapp.app.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.ServiceInstance;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
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

    private ServiceInstance start() {
        ServiceInstance instance = ServiceInstance.start(database);
        running.add(instance.context());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> instance.client().post("/api/templates/sync", instance.token(), "{}").statusCode() == 200);
        return instance;
    }

    private static String reply(ServiceInstance instance, String conversation, String text) {
        var response = instance.client().post("/api/messages/send", instance.token(),
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"" + text + "\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        return instance.client().read(response.body()).path("id").asText();
    }

    private static String sendState(ServiceInstance instance, String conversation, String messageId) {
        JsonNode timeline = instance.client().getJson("/api/conversations/" + conversation + "/messages", instance.token());
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(message -> messageId.equals(message.path("id").asText()))
                .map(message -> message.path("send").path("state").asText()).findFirst().orElse("");
    }

    private static long sendsTo(String waId) {
        return GraphStub.sends().stream().filter(request -> request.getBodyAsString().contains("\"to\":\"" + waId + "\"")).count();
    }

    @Test
    void two_instances_on_one_database_send_every_message_once_and_the_survivor_takes_over() {
        ServiceInstance first = start();
        ServiceInstance second = start();
        Map<String, String> conversations = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String waId = String.valueOf(NUMBERS.incrementAndGet());
            conversations.put(waId, (i % 2 == 0 ? first : second).customerWrites(waId, "Wanjiru"));
        }

        // a permanent failure is never retried, so every further request to Meta would be a duplicate
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", matching("2547330\\d+")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphStub.metaError(131026, "Message undeliverable"))));
        conversations.forEach((waId, conversation) -> reply(first, conversation, "Asante, tumepokea"));
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.keySet().stream().allMatch(waId -> sendsTo(waId) >= 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                conversations.keySet().stream().allMatch(waId -> sendsTo(waId) == 1));
        first.stop();
        conversations.forEach((waId, conversation) -> reply(second, conversation, "Agizo lako limetumwa"));

        await().atMost(Duration.ofSeconds(60)).until(() -> conversations.keySet().stream().allMatch(waId -> sendsTo(waId) >= 2));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                conversations.keySet().stream().allMatch(waId -> sendsTo(waId) == 2));
    }

    @Test
    void a_retry_waiting_in_its_backoff_is_sent_after_the_service_restarts() {
        ServiceInstance before = start();
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        String conversation = before.customerWrites(waId, "Wanjiru");
        // 131056 (pair rate limit) backs off 4^1 s, with jitter at least 3.2 s: time enough to stop the service
        GraphStub.server().stubFor(post(urlPathEqualTo(GraphStub.messagesPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))
                .inScenario("pair-limit").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("cooled-down")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphStub.metaError(131056, "(Business Account, Consumer Account) pair rate limit hit"))));

        String messageId = reply(before, conversation, "Tafadhali subiri");
        await().atMost(Duration.ofSeconds(20)).until(() -> sendState(before, conversation, messageId), "failed"::equals);
        before.stop();
        assertThat(sendsTo(waId)).as("attempts before the restart").isEqualTo(1);

        ServiceInstance after = start();
        await().atMost(Duration.ofSeconds(30)).until(() -> sendState(after, conversation, messageId), "accepted"::equals);
        assertThat(sendsTo(waId)).as("attempts in all").isEqualTo(2);
    }
}
