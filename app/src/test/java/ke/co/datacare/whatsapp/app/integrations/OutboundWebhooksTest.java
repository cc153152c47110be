package ke.co.datacare.whatsapp.app.integrations;

import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signed outbound webhooks to a receiver on 127.0.0.1 (allowed here by configuration, as an admin would allow an
 * internal CRM) that checks each signature like a real receiver and, in one test, stops in the middle of the run.
 */
@Import(OwnDatabase.class)
@TestPropertySource(properties = {"datacare.integrations.allowed-http-hosts=127.0.0.1",
        "datacare.integrations.allowed-private-hosts=127.0.0.1", "datacare.integrations.first-retry=1s",
        "datacare.integrations.max-attempts=4", "datacare.integrations.disable-after=6s",
        "datacare.integrations.poll-interval=300ms"})
class OutboundWebhooksTest extends SignedInTest {



    @Autowired
    EventGateway events;
    @Autowired
    UserAccounts users;

    private final ObjectMapper json = new ObjectMapper();
    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void removeEndpointsAndStopReceivers() {
        for (JsonNode endpoint : client.getJson("/api/integrations/webhooks", token)) {
            client.delete("/api/integrations/webhooks/" + endpoint.path("id").asText(), token);
        }
        receivers.forEach(Receiver::stop);
    }

    @Test
    void an_endpoint_receives_the_events_it_subscribed_to_signed_with_its_secret() throws Exception {
        Receiver receiver = receiver(freePort());
        JsonNode endpoint = register(receiver.url(), List.of("conversation.resolved"));
        receiver.secret = endpoint.path("secret").asText();
        assertThat(receiver.secret).startsWith("whsec_").hasSizeGreaterThan(32);
        ConversationId conversation = ConversationId.derivedFrom("resolved-" + UUID.randomUUID());

        events.publish(new ConversationAssigned(conversation, "agent-1", "agent-1", Instant.now()));
        events.publish(new ConversationResolved(conversation, "agent-1", Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted.size() >= 1);
        JsonNode delivery = json.readTree(receiver.accepted.get(0));
        assertThat(delivery.path("type").asText()).isEqualTo("conversation.resolved");
        assertThat(delivery.path("data").path("conversationId").asText()).isEqualTo(conversation.value());
        assertThat(delivery.path("id").asText()).isNotBlank();
        assertThat(receiver.refused).isEmpty();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.accepted.size() == 1);
        assertThat(client.getJson("/api/integrations/webhooks", token).toString()).doesNotContain(receiver.secret);
    }

    @Test
    void deliveries_wait_while_the_receiver_is_down_and_all_arrive_once_it_is_back() throws Exception {
        int port = freePort();
        Receiver first = receiver(port);
        JsonNode endpoint = register(first.url(), List.of("conversation.resolved"));
        first.secret = endpoint.path("secret").asText();
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            conversations.add(resolveOne());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> first.accepted.size() == 3);

        first.stop();
        for (int i = 0; i < 3; i++) {
            conversations.add(resolveOne());
        }
        Thread.sleep(2_000);
        Receiver second = receiver(port);
        second.secret = first.secret;

        await().atMost(Duration.ofSeconds(30)).until(() -> second.accepted.size() >= 3);
        Set<String> received = new java.util.HashSet<>();
        for (String body : first.accepted) {
            received.add(json.readTree(body).path("data").path("conversationId").asText());
        }
        for (String body : second.accepted) {
            received.add(json.readTree(body).path("data").path("conversationId").asText());
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(conversations);
        // a delivery the first receiver read but could not answer as it stopped is retried: wait for its retry
        JsonNode log = await().atMost(Duration.ofSeconds(30)).until(() -> client.getJson("/api/integrations/webhooks/"
                + endpoint.path("id").asText() + "/deliveries", token), deliveries -> deliveries.size() == 6
                && java.util.stream.StreamSupport.stream(deliveries.spliterator(), false)
                .allMatch(delivery -> delivery.path("status").asText().equals("delivered")));
        assertThat(log).hasSize(6).allSatisfy(delivery -> assertThat(delivery.path("status").asText()).isEqualTo("delivered"));
        assertThat(log).anySatisfy(delivery -> assertThat(delivery.path("attempts").asInt()).isGreaterThan(1));
    }

    @Test
    void a_delivery_that_keeps_failing_becomes_a_dead_letter_can_be_redelivered_and_the_endpoint_is_disabled() {
        Receiver receiver = receiver(freePort());
        receiver.answer = 500;
        JsonNode endpoint = register(receiver.url(), List.of("conversation.resolved"));
        receiver.secret = endpoint.path("secret").asText();
        String id = endpoint.path("id").asText();
        resolveOne();

        JsonNode dead = await().atMost(Duration.ofSeconds(30)).until(
                () -> client.getJson("/api/integrations/webhooks/" + id + "/deliveries?status=dead", token),
                letters -> letters.size() == 1);
        assertThat(dead.get(0).path("attempts").asInt()).isEqualTo(4);
        assertThat(dead.get(0).path("lastStatus").asInt()).isEqualTo(500);
        JsonNode disabled = await().atMost(Duration.ofSeconds(30)).until(
                () -> client.getJson("/api/integrations/webhooks/" + id, token), view -> !view.path("enabled").asBoolean());
        assertThat(disabled.path("disabledReason").asText()).contains("no successful delivery since");

        receiver.answer = 200;
        assertThat(client.post("/api/integrations/webhooks/" + id + "/enable", token, "").statusCode()).isEqualTo(200);
        assertThat(client.post("/api/integrations/webhooks/" + id + "/deliveries/" + dead.get(0).path("id").asLong()
                + "/redeliver", token, "").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted.size() == 1);
    }

    @Test
    void endpoints_on_private_addresses_plain_http_and_unknown_event_types_are_refused_naming_the_field() {
        assertRefused("https://10.1.2.3/hooks", List.of("message.received"), "url", "private or local");
        assertRefused("https://169.254.169.254/latest/meta-data", List.of("message.received"), "url", "private or local");
        assertRefused("https://[::1]/hooks", List.of("message.received"), "url", "private or local");
        assertRefused("http://crm.example.com/hooks", List.of("message.received"), "url", "https");
        assertRefused("ftp://crm.example.com/hooks", List.of("message.received"), "url", "https URL");
        assertRefused("https://user:pw@crm.example.com/hooks", List.of("message.received"), "url", "user");
        assertRefused("https://8.8.8.8/hooks", List.of("message.nope"), "eventTypes[0]", "not an event type");
        assertThat(client.getJson("/api/integrations/webhooks", token).toString()).doesNotContain("example.com")
                .doesNotContain("10.1.2.3").doesNotContain("8.8.8.8");
    }

    @Test
    void only_admins_manage_endpoints() {
        String email = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@test.datacare.local";
        users.create(email, "agent-password-1", "Otieno", Role.AGENT);

        HttpResponse<String> refused = client.post("/api/integrations/webhooks", client.login(email, "agent-password-1"),
                "{\"url\":\"https://8.8.8.8/x\",\"eventTypes\":[\"message.received\"]}");

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    private void assertRefused(String url, List<String> types, String field, String reason) {
        HttpResponse<String> refused = client.post("/api/integrations/webhooks", token, body(url, types));
        assertThat(refused.statusCode()).as(url).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("errors")).anySatisfy(error -> {
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("reason").asText()).contains(reason);
        });
    }

    private String resolveOne() {
        ConversationId conversation = ConversationId.derivedFrom("run-" + UUID.randomUUID());
        events.publish(new ConversationResolved(conversation, "agent-1", Instant.now()));
        return conversation.value();
    }

    private JsonNode register(String url, List<String> types) {
        HttpResponse<String> created = client.post("/api/integrations/webhooks", token, body(url, types));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return client.read(created.body());
    }

    private String body(String url, List<String> types) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":[" + types.stream().map(type -> "\"" + type + "\"")
                .collect(Collectors.joining(",")) + "]}";
    }

    private Receiver receiver(int port) {
        Receiver receiver = new Receiver(port);
        receivers.add(receiver);
        return receiver;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A receiver as an integrator would write one: it checks the signature and the time before it accepts. */
    static final class Receiver {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        volatile String secret;
        volatile int answer = 200;
        private final HttpServer server;

        Receiver(int port) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/hooks", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String signature = exchange.getRequestHeaders().getFirst("X-DataCare-Signature");
                if (!valid(signature, body)) {
                    refused.add(body);
                    exchange.sendResponseHeaders(401, -1);
                } else if (answer != 200) {
                    exchange.sendResponseHeaders(answer, -1);
                } else {
                    accepted.add(body);
                    exchange.sendResponseHeaders(200, -1);
                }
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        void stop() {
            server.stop(0);
        }

        private boolean valid(String header, String body) {
            if (header == null || secret == null) {
                return false;
            }
            String[] parts = header.split(",");
            long t = Long.parseLong(parts[0].substring(2));
            if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
                return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        parts[1].substring(3).getBytes(StandardCharsets.UTF_8));
            } catch (java.security.GeneralSecurityException e) {
                return false;
            }
        }
    }
}
