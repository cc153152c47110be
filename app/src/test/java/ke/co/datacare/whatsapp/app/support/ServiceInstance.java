package ke.co.datacare.whatsapp.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/**
 * A whole service instance started inside a test on a database shared with other instances (the Graph API stub
 * as Meta), signed in as the test admin: for tests of what several instances do together.
 */
public record ServiceInstance(ConfigurableApplicationContext context, ServiceClient client, String token) {

    public static ServiceInstance start(String database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestDatabase.USER, "--spring.datasource.password=",
                "--datacare.whatsapp.api-url=" + GraphStub.apiUrl()));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WhatsAppPlatformApplication.class)
                .profiles("test").run(arguments.toArray(String[]::new));
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        ServiceClient client = new ServiceClient(port, IntegrationTest.APP_SECRET);
        return new ServiceInstance(context, client, client.login("admin@test.datacare.local", "admin-password"));
    }

    public void stop() {
        context.close();
    }

    /** A customer writes to this instance's webhook; answers the conversation once the inbox shows it. */
    public String customerWrites(String waId, String name) {
        long now = Instant.now().getEpochSecond();
        client.postWebhook(Webhooks.text(waId, name, "wamid.in-" + waId + "-" + now, now, "Habari"));
        return await().atMost(Duration.ofSeconds(20)).until(() -> conversationOf(waId), id -> id != null);
    }

    public String conversationOf(String waId) {
        JsonNode inbox = client.getJson("/api/conversations?size=5&q=" + waId, token);
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                .map(item -> item.path("id").asText()).findFirst().orElse(null);
    }
}
