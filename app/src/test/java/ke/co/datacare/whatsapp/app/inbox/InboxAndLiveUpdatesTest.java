package ke.co.datacare.whatsapp.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InboxAndLiveUpdatesTest extends SignedInTest {




    /** The lines of the live stream, as a connected client receives them, once the stream is ready. */
    private List<String> liveStream() {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));
        return lines;
    }

    private List<String> phonesIn(String query) {
        JsonNode inbox = client.getJson("/api/conversations?size=500&" + query, token);
        return StreamSupport.stream(inbox.spliterator(), false)
                .map(item -> item.path("contact").path("phoneNumber").asText()).toList();
    }

    @Test
    void the_inbox_filters_by_window_and_finds_conversations_by_name_number_and_message_text() {
        long now = Instant.now().getEpochSecond();
        long yesterday = Instant.now().minus(Duration.ofHours(30)).getEpochSecond();
        client.postWebhook(Webhooks.text("254756000001", "Zawadi Kiprono", "wamid.filter-1", now, "router blinking red"));
        client.postWebhook(Webhooks.text("254756000002", "Baraka Otieno", "wamid.filter-2", yesterday, "invoice please"));
        await().atMost(Duration.ofSeconds(15)).until(() -> phonesIn("q=blinking").size() == 1
                && phonesIn("q=invoice").size() == 1);

        assertThat(phonesIn("q=zawadi")).containsExactly("+254756000001");
        assertThat(phonesIn("q=INVOICE")).containsExactly("+254756000002");
        assertThat(phonesIn("q=254756000002")).containsExactly("+254756000002");
        assertThat(phonesIn("q=254756&window=open")).containsExactly("+254756000001");
        assertThat(phonesIn("q=254756&window=closed")).containsExactly("+254756000002");
        assertThat(phonesIn("q=254756&unread=true")).hasSize(2);
        assertThat(phonesIn("q=254756&arrivedLate=true")).containsExactly("+254756000002");
        assertThat(phonesIn("q=254756&arrivedLate=false")).containsExactly("+254756000001");
        assertThat(phonesIn("q=254756&status=resolved")).isEmpty();
        assertThat(phonesIn("q=50%25_off")).isEmpty();
    }

    @Test
    void connected_clients_are_told_about_new_messages_as_they_arrive() throws Exception {
        List<String> lines = liveStream();

        client.postWebhook(Webhooks.text("254755000003", "Neema", "wamid.live-1", Instant.now().getEpochSecond(), "Hello live"));

        await().atMost(Duration.ofSeconds(15)).until(() -> lines.stream()
                .anyMatch(line -> line.startsWith("data:") && line.contains("TextMessageReceived")));
        assertThat(lines).contains("event:message");
        JsonNode update = client.read(lines.stream().filter(line -> line.startsWith("data:")
                && line.contains("TextMessageReceived")).findFirst().orElseThrow().substring(5));
        assertThat(update.path("conversationId").asText()).isNotEmpty();
        assertThat(update.path("content").asText()).isEqualTo("Hello live");
        assertThat(update.path("contentPreview").asText()).isEqualTo("Hello live");
        assertThat(update.path("direction").asText()).isEqualTo("inbound");
        assertThat(update.path("type").asText()).isEqualTo("text");
        assertThat(update.path("sender").asText()).isEqualTo("customer");
        assertThat(update.path("timestamp").asText()).isNotEmpty();
        assertThat(update.path("status").asText()).isEqualTo("open");
        assertThat(update.path("unreadCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(update.has("arrivedLateBySeconds")).isFalse();
    }

    @Test
    void connected_clients_see_by_how_much_a_message_arrived_late() throws Exception {
        List<String> lines = liveStream();
        Instant wrote = Instant.now().minus(Duration.ofHours(2));

        client.postWebhook(Webhooks.text("254755000004", "Imani", "wamid.live-late-1", wrote.getEpochSecond(),
                "Written before the outage"));

        await().atMost(Duration.ofSeconds(15)).until(() -> lines.stream()
                .anyMatch(line -> line.startsWith("data:") && line.contains("Written before the outage")));
        JsonNode update = client.read(lines.stream().filter(line -> line.startsWith("data:")
                && line.contains("Written before the outage")).findFirst().orElseThrow().substring(5));
        assertThat(Instant.parse(update.path("timestamp").asText())).isEqualTo(wrote.truncatedTo(ChronoUnit.SECONDS));
        assertThat(update.path("arrivedLateBySeconds").asLong())
                .isBetween(Duration.ofHours(2).toSeconds(), Duration.ofHours(2).toSeconds() + 120);
    }

    @Test
    void a_client_can_read_its_own_write_by_waiting_for_the_message_it_sent() {
        String waId = "254755000004";
        client.postWebhook(Webhooks.text(waId, "Imani", "wamid.ryw-1", Instant.now().getEpochSecond(), "Niaje"));
        String conversation = await().atMost(Duration.ofSeconds(15)).until(() -> StreamSupport.stream(
                client.getJson("/api/conversations?q=" + waId, token).spliterator(), false)
                .map(item -> item.path("id").asText()).findFirst().orElse(null), id -> id != null);

        String messageId = client.read(client.post("/api/messages/send", token,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"Tuko pamoja\"}").body()).path("id").asText();
        JsonNode timeline = client.getJson("/api/conversations/" + conversation + "/messages?waitFor=" + messageId, token);

        assertThat(StreamSupport.stream(timeline.spliterator(), false).map(m -> m.path("id").asText()))
                .contains(messageId);
    }
}
