package ke.co.datacare.whatsapp.command.graph.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Posts webhook bodies signed like Meta's ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the app secret>}), so that they take the same path as real ones. A failed delivery is logged,
 * reported to the caller and not repeated.
 */
public class HttpWebhookSink implements WebhookSink {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final Logger log = LoggerFactory.getLogger(HttpWebhookSink.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RestClient rest;
    private final Supplier<URI> url;
    private final SecretKeySpec key;

    public HttpWebhookSink(RestClient.Builder builder, Supplier<URI> url, String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("an app secret is required to sign webhooks");
        }
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        requestFactory.setReadTimeout(TIMEOUT);
        this.rest = builder.requestFactory(requestFactory).build();
        this.url = url;
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Override
    public boolean deliver(byte[] rawBody) {
        URI target = url.get();
        try {
            rest.post()
                    .uri(target)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(SIGNATURE_HEADER, "sha256=" + sign(rawBody))
                    .header("User-Agent", "facebookexternalua")
                    .body(rawBody)
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (RestClientException failure) {
            log.warn("Simulated webhook to {} was not accepted: {}", target, failure.getMessage());
            return false;
        }
    }

    String sign(byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is not available", unavailable);
        }
    }
}
