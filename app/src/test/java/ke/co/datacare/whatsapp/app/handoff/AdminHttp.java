package ke.co.datacare.whatsapp.app.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The PUT requests the shared service client does not make. */
final class AdminHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    AdminHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> put(String path, String token, String jsonBody) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
