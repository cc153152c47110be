package ke.co.datacare.whatsapp.query.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One JSON object per line, the payload embedded as the JSON it was stored as. */
final class NdjsonEventWriter implements EventWriter {

    private final JsonGenerator json;

    NdjsonEventWriter(OutputStream out, JsonFactory factory) throws IOException {
        json = factory.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
    }

    @Override
    public void write(StoredEvent event) throws IOException {
        json.writeStartObject();
        json.writeNumberField("globalIndex", event.globalIndex());
        json.writeStringField("timestamp", event.timestamp());
        json.writeStringField("aggregateId", event.aggregateId());
        json.writeNumberField("sequence", event.sequence());
        json.writeStringField("type", event.simpleType());
        json.writeStringField("revision", event.revision());
        json.writeFieldName("payload");
        json.writeRawValue(new String(event.payload(), StandardCharsets.UTF_8));
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void finish() throws IOException {
        json.flush();
    }
}
