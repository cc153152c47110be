package ke.co.datacare.whatsapp.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventWritersTest {

    private static final StoredEvent TEXT = new StoredEvent(7, "2026-11-25T10:00:00.000Z", "c-1", 3,
            "ke.co.datacare.whatsapp.api.conversation.TextMessageReceived", "1",
            "{\"wamid\":\"wamid.1\",\"body\":\"Habari, \\\"router\\\", sawa\\nasante\"}".getBytes(StandardCharsets.UTF_8));
    private static final StoredEvent STARTED = new StoredEvent(8, "2026-11-25T10:00:01.000Z", "c-2", 0,
            "ke.co.datacare.whatsapp.api.conversation.ConversationStarted", null, "{}".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void ndjson_has_one_object_per_line_with_the_payload_embedded_as_json() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventWriter writer = new NdjsonEventWriter(out, json.getFactory());
        writer.write(TEXT);
        writer.write(STARTED);
        writer.finish();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.path("globalIndex").asLong()).isEqualTo(7);
        assertThat(first.path("timestamp").asText()).isEqualTo("2026-11-25T10:00:00.000Z");
        assertThat(first.path("aggregateId").asText()).isEqualTo("c-1");
        assertThat(first.path("sequence").asLong()).isEqualTo(3);
        assertThat(first.path("type").asText()).isEqualTo("TextMessageReceived");
        assertThat(first.path("revision").asText()).isEqualTo("1");
        assertThat(first.path("payload").path("body").asText()).isEqualTo("Habari, \"router\", sawa\nasante");
        assertThat(json.readTree(lines[1]).path("revision").isNull()).isTrue();
    }

    @Test
    void csv_quotes_the_payload_and_doubles_its_quotes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventWriter writer = new CsvEventWriter(out);
        writer.write(TEXT);
        writer.write(STARTED);
        writer.finish();

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith(CsvEventWriter.HEADER + "\r\n");
        assertThat(csv).contains("7,2026-11-25T10:00:00.000Z,c-1,3,TextMessageReceived,1,"
                + "\"{\"\"wamid\"\":\"\"wamid.1\"\",\"\"body\"\":\"\"Habari, \\\"\"router\\\"\", sawa\\nasante\"\"}\"\r\n");
        assertThat(csv).endsWith("8,2026-11-25T10:00:01.000Z,c-2,0,ConversationStarted,,\"{}\"\r\n");
    }

    @Test
    void the_format_parameter_wins_over_the_accept_header() {
        assertThat(ExportFormat.choose(null, "text/csv")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.choose("ndjson", "text/csv")).isEqualTo(ExportFormat.NDJSON);
        assertThat(ExportFormat.choose("csv", null)).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.choose(null, "*/*")).isEqualTo(ExportFormat.NDJSON);
    }
}
