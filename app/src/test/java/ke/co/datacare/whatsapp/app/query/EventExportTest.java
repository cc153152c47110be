package ke.co.datacare.whatsapp.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventExportTest extends SignedInTest {

    private static final long T0 = 1_764_057_600L;


    private QueryScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new QueryScenario(client, token, jdbc);
    }

    private String conversationWithTwoTextsAndAStatus() {
        String waId = QueryScenario.newNumber();
        client.postWebhook(Webhooks.text(waId, "Achieng", "wamid.e1-" + waId, T0, "Habari"));
        client.postWebhook(Webhooks.text(waId, "Achieng", "wamid.e2-" + waId, T0 + 60, "Router yangu"));
        client.postWebhook(Webhooks.statuses(List.of(Webhooks.status("wamid.eo-" + waId, waId, "delivered", T0 + 90))));
        String conversation = scenario.conversationOf(waId);
        scenario.awaitCaughtUp(ReadModels.GROUP);
        return conversation;
    }

    private HttpResponse<String> export(String query, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/events" + query))
                .header("Authorization", "Bearer " + token).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> lines(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        return response.body().isEmpty() ? List.of()
                : Arrays.stream(response.body().split("\n")).map(client::read).toList();
    }

    private long rows(String where, Object... args) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where " + where, Long.class, args);
        return count == null ? 0 : count;
    }

    @Test
    void a_conversations_events_export_as_one_json_line_each_in_order() {
        String conversation = conversationWithTwoTextsAndAStatus();

        List<JsonNode> events = lines(export("?aggregateId=" + conversation, null));

        assertThat(events).hasSize((int) rows("aggregate_identifier = ?", conversation));
        assertThat(events).extracting(event -> event.path("sequence").asLong()).isSorted();
        assertThat(events).extracting(event -> event.path("type").asText())
                .contains("ConversationStarted", "TextMessageReceived", "OutboundMessageDelivered");
        JsonNode text = events.stream().filter(event -> event.path("type").asText().equals("TextMessageReceived"))
                .findFirst().orElseThrow();
        assertThat(text.path("aggregateId").asText()).isEqualTo(conversation);
        assertThat(text.path("revision").asText()).isEqualTo("1");
        assertThat(text.path("payload").has("body")).as("personal fields are exported as stored: encrypted").isFalse();
        assertThat(text.path("payload").path("$personal").path("data").asText()).isNotEmpty();
        assertThat(text.path("payload").path("sentAt").asText()).isEqualTo("2025-11-25T08:00:00Z");
    }

    @Test
    void a_type_filter_takes_the_simple_or_the_full_class_name() {
        conversationWithTwoTextsAndAStatus();
        long texts = rows("payload_type = ?", "ke.co.datacare.whatsapp.api.conversation.TextMessageReceived");

        assertThat(lines(export("?type=TextMessageReceived", null))).hasSize((int) texts)
                .allSatisfy(event -> assertThat(event.path("type").asText()).isEqualTo("TextMessageReceived"));
        assertThat(lines(export("?type=ke.co.datacare.whatsapp.api.conversation.TextMessageReceived", null)))
                .hasSize((int) texts);
        assertThat(lines(export("?type=Received", null))).isEmpty();
    }

    @Test
    void a_time_range_exports_the_events_stored_from_its_start_until_before_its_end() {
        conversationWithTwoTextsAndAStatus();
        List<Map<String, Object>> stored = jdbc.queryForList("select global_index, time_stamp from domain_event_entry "
                + "order by global_index");
        assertThat(stored).allSatisfy(row -> assertThat((String) row.get("time_stamp"))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
        Instant from = Instant.parse((String) stored.get(stored.size() / 2).get("time_stamp"));
        Instant to = Instant.parse((String) stored.get(stored.size() - 1).get("time_stamp"));
        long expected = stored.stream().map(row -> Instant.parse((String) row.get("time_stamp")))
                .filter(at -> !at.isBefore(from) && at.isBefore(to)).count();

        List<JsonNode> events = lines(export("?from=" + from + "&to=" + to, null));

        assertThat(events).hasSize((int) expected);
        assertThat(events).allSatisfy(event -> {
            Instant at = Instant.parse(event.path("timestamp").asText());
            assertThat(at).isAfterOrEqualTo(from).isBefore(to);
        });
    }

    @Test
    void csv_is_chosen_by_the_accept_header_or_the_format_parameter() {
        String conversation = conversationWithTwoTextsAndAStatus();
        long expected = rows("aggregate_identifier = ?", conversation);

        for (HttpResponse<String> response : List.of(export("?aggregateId=" + conversation, "text/csv"),
                export("?format=csv&aggregateId=" + conversation, null))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            String[] lines = response.body().split("\r\n");
            assertThat(lines[0]).isEqualTo("global_index,timestamp,aggregate_id,sequence,type,revision,payload");
            assertThat(lines).hasSize((int) expected + 1);
            assertThat(lines[1]).contains("," + conversation + ",0,ConversationStarted,1,\"{");
        }
    }

    @Test
    void an_unknown_format_or_an_empty_range_is_refused() {
        assertThat(export("?format=xml", null).statusCode()).isEqualTo(400);
        assertThat(export("?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", null).statusCode()).isEqualTo(400);
        assertThat(export("?from=yesterday", null).statusCode()).isEqualTo(400);
    }
}
