package ke.co.datacare.whatsapp.query.admin;

import com.fasterxml.jackson.core.JsonFactory;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

enum ExportFormat {
    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv;charset=UTF-8", "csv");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The {@code format} parameter wins; otherwise CSV only when the client accepts {@code text/csv}. */
    static ExportFormat choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "ndjson", "json" -> NDJSON;
                default -> throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "format must be ndjson or csv, not " + format);
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv") ? CSV : NDJSON;
    }

    String contentType() {
        return contentType;
    }

    String filename() {
        return "events." + extension;
    }

    EventWriter writer(OutputStream out, JsonFactory json) throws IOException {
        return this == CSV ? new CsvEventWriter(out) : new NdjsonEventWriter(out, json);
    }
}
