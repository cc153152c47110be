package ke.co.datacare.whatsapp.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Reads what the setup check needs of the Meta account through the Graph API (or the sandbox): the token's own
 * metadata, each business number and the app's webhook subscription. The token goes in the Authorization header
 * (and, for {@code debug_token}, as the token to inspect); it never appears in an answer or a log line.
 */
class MetaAccountProbe {

    /** Meta's answer, or why there is none (Meta's error message, or the transport failure). */
    record Answer(JsonNode body, String error) {
        boolean ok() {
            return error == null;
        }
    }

    static final String PHONE_NUMBER_FIELDS = "display_phone_number,verified_name,quality_rating,"
            + "code_verification_status,status,platform_type,throughput,health_status";

    private final GraphApiProperties properties;
    private final RestClient rest;
    private final ObjectMapper json = new ObjectMapper();

    MetaAccountProbe(GraphApiProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(10));
        RestClient.Builder configured = builder.clone().requestFactory(requests);
        if (properties.hasAccessToken()) {
            configured.defaultHeaders(headers -> headers.setBearerAuth(properties.accessToken()));
        }
        this.rest = configured.build();
    }

    Answer token() {
        return get(UriComponentsBuilder.fromUriString(properties.apiUrl()).path("/debug_token")
                .queryParam("input_token", properties.hasAccessToken() ? properties.accessToken() : "sandbox")
                .build().toUriString());
    }

    /** A business number's registration and health ({@code GET /{phone-number-id}?fields=...}). */
    Answer phoneNumber(String phoneNumberId) {
        return get(UriComponentsBuilder.fromUriString(properties.apiUrl()).pathSegment(phoneNumberId)
                .queryParam("fields", PHONE_NUMBER_FIELDS).build().toUriString());
    }

    Answer subscribedApps() {
        return get(UriComponentsBuilder.fromUriString(properties.apiUrl())
                .pathSegment(properties.businessAccountId(), "subscribed_apps").build().toUriString());
    }

    private Answer get(String url) {
        try {
            return new Answer(json.readTree(rest.get().uri(url).retrieve().body(String.class)), null);
        } catch (RestClientResponseException e) {
            return new Answer(null, "Meta answered " + e.getStatusCode().value() + ": " + metaMessage(e.getResponseBodyAsString()));
        } catch (RestClientException e) {
            return new Answer(null, "the Graph API could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (java.io.IOException e) {
            return new Answer(null, "the Graph API's answer is not JSON");
        }
    }

    private String metaMessage(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            return error.path("message").asText("no error message") + " (code " + error.path("code").asText("?") + ")";
        } catch (java.io.IOException | RuntimeException e) {
            return "an answer that is not Meta's error format";
        }
    }
}
