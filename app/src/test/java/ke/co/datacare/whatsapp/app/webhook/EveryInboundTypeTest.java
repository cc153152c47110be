package ke.co.datacare.whatsapp.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.ServiceClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every inbound message of the webhook fixture corpus (the parser's fixtures, written from Meta's documented
 * shapes), posted signed over HTTP, lands in its conversation's timeline with its content: text, caption, media,
 * and the raw JSON of a type nobody knows yet. Reactions, edits and revokes change their target instead of
 * adding a message, so only their acceptance is checked here (the projection tests cover their effect).
 */
class EveryInboundTypeTest extends SignedInTest {

    private static final Path FIXTURES = Path.of("../command-side/src/test/resources/webhooks");
    private static final List<String> CHANGES_A_TARGET = List.of("reaction", "edit", "revoke");




    static Stream<String> messageFixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(file -> read(file).contains("\"messages\"")).map(file -> file.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageFixtures")
    void every_inbound_message_of_a_fixture_lands_in_the_timeline_with_its_content(String fixture) {
        byte[] body = read(FIXTURES.resolve(fixture)).getBytes(StandardCharsets.UTF_8);

        assertThat(client.postWebhook(body, ServiceClient.sign(body, APP_SECRET)).statusCode()).isEqualTo(200);

        for (JsonNode message : messagesOf(client.read(new String(body, StandardCharsets.UTF_8)))) {
            String type = message.path("type").asText();
            if (CHANGES_A_TARGET.contains(type)) {
                continue;
            }
            JsonNode shown = await().atMost(Duration.ofSeconds(20)).until(() -> timelineEntry(message.path("id").asText()),
                    entry -> entry != null);
            assertThat(shown.path("direction").asText()).isEqualTo("inbound");
            assertThat(shown.path("timestamp").asText()).isNotEmpty();
            JsonNode content = message.path(type);
            if (content.has("body")) {
                assertThat(shown.path("text").asText()).isEqualTo(content.path("body").asText());
            }
            if (content.has("caption")) {
                assertThat(shown.path("text").asText()).isEqualTo(content.path("caption").asText());
            }
            if (content.has("mime_type")) {
                assertThat(shown.path("media").path("id").asText()).isEqualTo(content.path("id").asText());
                assertThat(shown.path("media").path("mimeType").asText()).isEqualTo(content.path("mime_type").asText());
            }
            if (type.equals("poll")) {
                assertThat(shown.path("type").asText()).isEqualTo("poll");
                assertThat(shown.path("detail").asText()).contains("\"unknown\":true").contains("Ni saa ngapi fundi afike?");
            }
        }
    }

    private JsonNode timelineEntry(String wamid) {
        List<String> conversations = jdbc.queryForList("select conversation_id from timeline_message where wamid = ?",
                String.class, wamid);
        if (conversations.isEmpty()) {
            return null;
        }
        JsonNode timeline = client.getJson("/api/conversations/" + conversations.get(0) + "/messages", token);
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(entry -> wamid.equals(entry.path("wamid").asText())).findFirst().orElse(null);
    }

    private static List<JsonNode> messagesOf(JsonNode envelope) {
        List<JsonNode> messages = new ArrayList<>();
        envelope.path("entry").forEach(entry -> entry.path("changes").forEach(change ->
                change.path("value").path("messages").forEach(messages::add)));
        return messages;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
