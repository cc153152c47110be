package ke.co.datacare.whatsapp.app.instances;

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
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two whole service instances on one database, each with its own aggregate cache: what one instance changed, the
 * other one decides on, although it still holds the conversation as it was.
 */
class ConversationAcrossInstancesTest {

    private final String database = TestDatabase.create("datacare_stale_cache_" + Long.toHexString(System.nanoTime()));
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        running.forEach(ConfigurableApplicationContext::close);
        GraphStub.reset();
    }

    @Test
    void a_conversation_resolved_on_one_instance_is_reopened_on_the_other_that_had_it_open_in_memory() {
        Instance a = start();
        Instance b = start();
        String waId = String.valueOf(254734000000L + System.nanoTime() % 100000);
        String conversation = a.customerWrites(waId);
        String base = "/api/conversations/" + conversation;
        // what the customer's message sets off (the bot, the queue) has settled before the instances take turns
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(a.client.post(base + "/notes", a.token, "{\"text\":\"Asks about the delivery\"}").statusCode())
                .as("the note leaves the open conversation in the first instance's cache").isEqualTo(201);
        assertThat(b.client.post(base + "/resolve", b.token, "{}").statusCode()).isEqualTo(202);

        assertThat(a.client.post(base + "/reopen", a.token, "{}").statusCode())
                .as("the first instance reopens what the second one resolved").isEqualTo(202);
        assertThat(b.client.post(base + "/reopen", b.token, "{}").statusCode())
                .as("and the second one knows it is open again").isEqualTo(409);
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
        return new Instance(client, client.login("admin@test.datacare.local", "admin-password"));
    }

    private record Instance(ServiceClient client, String token) {

        String customerWrites(String waId) {
            long now = Instant.now().getEpochSecond();
            client.postWebhook(Webhooks.text(waId, "Akinyi", "wamid.in-" + waId + "-" + now, now, "Habari"));
            return await().atMost(Duration.ofSeconds(20)).until(() -> conversationOf(waId), id -> id != null);
        }

        String conversationOf(String waId) {
            JsonNode inbox = client.getJson("/api/conversations?size=5&q=" + waId, token);
            return StreamSupport.stream(inbox.spliterator(), false)
                    .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                    .map(item -> item.path("id").asText()).findFirst().orElse(null);
        }
    }
}
