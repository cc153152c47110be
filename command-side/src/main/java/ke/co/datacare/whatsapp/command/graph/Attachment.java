package ke.co.datacare.whatsapp.command.graph;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;

/**
 * How media files are handed to a browser: always as a download ({@code Content-Disposition: attachment}) and with
 * {@code X-Content-Type-Options: nosniff}, so that a file a customer or caller chose (an HTML page, a script) is never
 * shown or run on our origin; an unreadable type becomes {@code application/octet-stream}.
 */
public final class Attachment {

    private static final String DEFAULT_NAME = "media";

    private Attachment() {
    }

    public static HttpHeaders headers(String filename) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(filename == null || filename.isBlank() ? DEFAULT_NAME : filename, StandardCharsets.UTF_8)
                .build());
        headers.set("X-Content-Type-Options", "nosniff");
        return headers;
    }

    public static MediaType contentType(String mimeType) {
        if (mimeType == null || mimeType.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            return MediaType.parseMediaType(mimeType);
        } catch (InvalidMediaTypeException unreadable) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
