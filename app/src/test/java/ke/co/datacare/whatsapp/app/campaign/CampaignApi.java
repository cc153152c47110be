package ke.co.datacare.whatsapp.app.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import ke.co.datacare.whatsapp.app.support.GraphStub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The campaign endpoints over HTTP, and what the stub Graph API received for a campaign. */
final class CampaignApi {

    /** One message the stub Graph API accepted: to whom, our message id, the first body parameter, its wamid. */
    record Send(String to, String messageId, String firstParameter, String wamid, Instant at) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    CampaignApi(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> request(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String token, String jsonBody) {
        return request("POST", path, token, "application/json", jsonBody);
    }

    String create(String token, String jsonBody) {
        HttpResponse<String> response = post("/api/campaigns", token, jsonBody);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body()).path("id").asText();
    }

    JsonNode upload(String id, String token, String csv) {
        HttpResponse<String> response = request("POST", "/api/campaigns/" + id + "/audience", token, "text/csv", csv);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    HttpResponse<String> control(String id, String action, String token) {
        return post("/api/campaigns/" + id + "/" + action, token, "{}");
    }

    JsonNode campaign(String id, String token) {
        HttpResponse<String> response = request("GET", "/api/campaigns/" + id, token, null, null);
        return response.statusCode() == 200 ? read(response.body()) : null;
    }

    String status(String id, String token) {
        JsonNode campaign = campaign(id, token);
        return campaign == null ? null : campaign.path("status").asText();
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every message of this campaign the stub accepted, in the order it received them. */
    List<Send> sends(String campaignId) {
        String prefix = "cmp-" + campaignId + "-";
        List<ServeEvent> events = GraphStub.server().getAllServeEvents();
        return events.stream()
                .filter(event -> event.getRequest().getUrl().startsWith(GraphStub.messagesPath()))
                .filter(event -> event.getRequest().getBodyAsString().contains(prefix))
                .map(event -> {
                    JsonNode request = read(event.getRequest().getBodyAsString());
                    JsonNode response = read(event.getResponse().getBodyAsString());
                    return new Send(request.path("to").asText(), request.path("biz_opaque_callback_data").asText(),
                            request.path("template").path("components").path(0).path("parameters").path(0)
                                    .path("text").asText(null),
                            response.path("messages").path(0).path("id").asText(null),
                            event.getRequest().getLoggedDate().toInstant());
                })
                .sorted(java.util.Comparator.comparing(Send::at))
                .toList();
    }

    /** How many messages of this campaign each recipient got. */
    Map<String, Long> sendsPerRecipient(String campaignId) {
        return sends(campaignId).stream().collect(Collectors.groupingBy(Send::to, Collectors.counting()));
    }

    static <T> Map<String, T> byRecipient(List<T> values, Function<T, String> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a));
    }
}
