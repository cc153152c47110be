package ke.co.datacare.whatsapp.query.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** RFC 4180 CSV with a header line; the payload column holds the stored JSON as text. */
final class CsvEventWriter implements EventWriter {

    static final String HEADER = "global_index,timestamp,aggregate_id,sequence,type,revision,payload";

    private final Writer out;

    CsvEventWriter(OutputStream stream) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.write(HEADER);
        out.write("\r\n");
    }

    @Override
    public void write(StoredEvent event) throws IOException {
        out.write(String.valueOf(event.globalIndex()));
        out.write(',');
        out.write(field(event.timestamp()));
        out.write(',');
        out.write(field(event.aggregateId()));
        out.write(',');
        out.write(String.valueOf(event.sequence()));
        out.write(',');
        out.write(field(event.simpleType()));
        out.write(',');
        out.write(field(event.revision()));
        out.write(',');
        out.write(quoted(new String(event.payload(), StandardCharsets.UTF_8)));
        out.write("\r\n");
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? value : quoted(value);
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
