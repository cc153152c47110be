package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatCode;

class HttpWebhookSinkTest {

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    @Test
    void signs_the_raw_body_with_the_app_secret_like_meta() {
        service.stubFor(post(urlEqualTo("/webhook/whatsapp")).willReturn(ok()));

        sink().deliver(BODY);

        service.verify(postRequestedFor(urlEqualTo("/webhook/whatsapp"))
                .withHeader("X-Hub-Signature-256",
                        equalTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(binaryEqualTo(BODY)));
    }

    @Test
    void drops_a_webhook_the_service_does_not_accept() {
        service.stubFor(post(urlEqualTo("/webhook/whatsapp")).willReturn(serverError()));

        assertThatCode(() -> sink().deliver(BODY)).doesNotThrowAnyException();
    }

    private static HttpWebhookSink sink() {
        URI url = URI.create(service.baseUrl() + "/webhook/whatsapp");
        return new HttpWebhookSink(RestClient.builder(), () -> url, "key");
    }
}
