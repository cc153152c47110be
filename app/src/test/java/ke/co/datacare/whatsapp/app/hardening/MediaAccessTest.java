package ke.co.datacare.whatsapp.app.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/media/{id}} hands out the media of stored messages only, and only as downloads. */
class MediaAccessTest extends SignedInTest {

    private static final String VERSION = "/v21.0";

    @Test
    void a_media_id_no_stored_message_carries_is_not_found_and_meta_is_not_asked() {
        String mediaId = "77" + System.nanoTime();

        HttpResponse<String> answer = client.get("/api/media/" + mediaId, token);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(client.read(answer.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(GraphStub.server().findAll(getRequestedFor(urlPathEqualTo(VERSION + "/" + mediaId)))).isEmpty();
    }

    @Test
    void a_customers_html_document_is_served_as_a_download_the_browser_may_not_sniff() {
        String mediaId = "78" + System.nanoTime();
        String waId = "2547552" + (System.nanoTime() % 100_000);
        GraphStub.server().stubFor(get(urlPathEqualTo(VERSION + "/" + mediaId)).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"url\":\"" + GraphStub.server().baseUrl() + "/lookaside/" + mediaId
                        + "\",\"mime_type\":\"text/html\",\"sha256\":\"00\",\"file_size\":\"29\",\"id\":\"" + mediaId + "\"}")));
        GraphStub.server().stubFor(get(urlPathEqualTo("/lookaside/" + mediaId)).willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withBody("<script>alert('hi')</script>")));
        client.postWebhook(Webhooks.messages(waId, "Pendo Media", List.of(Webhooks.message(waId, "wamid.doc-" + waId,
                Instant.now().getEpochSecond(), "document", "{\"id\":\"" + mediaId
                        + "\",\"mime_type\":\"text/html\",\"filename\":\"invoice.html\"}"))));

        HttpResponse<String> download = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/api/media/" + mediaId, token), answer -> answer.statusCode() != 404);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("<script>alert('hi')</script>");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment;").contains("invoice.html"));
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void media_whose_download_url_leaves_metas_hosts_is_not_fetched() {
        String mediaId = "79" + System.nanoTime();
        String waId = "2547553" + (System.nanoTime() % 100_000);
        GraphStub.server().stubFor(get(urlPathEqualTo(VERSION + "/" + mediaId)).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"url\":\"https://collector.example/" + mediaId
                        + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"00\",\"file_size\":\"3\",\"id\":\"" + mediaId + "\"}")));
        client.postWebhook(Webhooks.messages(waId, "Pendo Elsewhere", List.of(Webhooks.message(waId,
                "wamid.img-" + waId, Instant.now().getEpochSecond(), "image", "{\"id\":\"" + mediaId
                        + "\",\"mime_type\":\"image/jpeg\"}"))));

        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/api/media/" + mediaId, token), answer -> answer.statusCode() != 404);

        assertThat(refused.statusCode()).isEqualTo(502);
        JsonNode problem = client.read(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("GRAPH_API_FAILED");
    }
}
