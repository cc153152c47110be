package ke.co.datacare.whatsapp.app.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Customers' media are kept once they arrive: Meta's media ids expire (webhook media after about 7 days), and agents
 * still open the photo of a receipt weeks later. Kept once per content (SHA-256); what Meta no longer has is given up.
 */
class MediaArchiveTest extends SignedInTest {

    private static final String VERSION = "/v21.0";
    private static final AtomicLong NUMBERS = new AtomicLong(254726000000L);

    @AfterEach
    void restoreStub() {
        GraphStub.reset();
    }

    /** Meta has the media: its description and its bytes at a download URL of Meta's (the stub's) host. */
    private static void metaHas(String mediaId, String mimeType, byte[] bytes) {
        GraphStub.server().stubFor(get(urlPathEqualTo(VERSION + "/" + mediaId)).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"url\":\"" + GraphStub.server().baseUrl() + "/lookaside/" + mediaId
                        + "\",\"mime_type\":\"" + mimeType + "\",\"sha256\":\"00\",\"file_size\":" + bytes.length
                        + ",\"id\":\"" + mediaId + "\"}")));
        GraphStub.server().stubFor(get(urlPathEqualTo("/lookaside/" + mediaId)).willReturn(aResponse()
                .withHeader("Content-Type", mimeType).withBody(bytes)));
    }

    private String customerSendsPhoto(String mediaId) {
        String waId = String.valueOf(NUMBERS.incrementAndGet());
        client.postWebhook(Webhooks.messages(waId, "Zawadi Picha", List.of(Webhooks.message(waId, "wamid.img-" + mediaId,
                Instant.now().getEpochSecond(), "image", "{\"id\":\"" + mediaId
                        + "\",\"mime_type\":\"image/jpeg\",\"caption\":\"my receipt\"}"))));
        return waId;
    }

    private String stateOf(String mediaId) {
        return jdbc.queryForList("select state from media_archive where media_id = ?", String.class, mediaId)
                .stream().findFirst().orElse("");
    }

    @Test
    void a_customers_photo_is_still_served_after_meta_has_forgotten_it() {
        String mediaId = "81" + System.nanoTime();
        byte[] photo = ("JPEG receipt " + mediaId).getBytes();
        metaHas(mediaId, "image/jpeg", photo);
        customerSendsPhoto(mediaId);

        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(mediaId).equals("stored"));
        GraphStub.reset();

        HttpResponse<String> download = client.get("/api/media/" + mediaId, token);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(new String(photo));
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("image/jpeg"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment"));
        assertThat(GraphStub.server().findAll(getRequestedFor(urlPathEqualTo(VERSION + "/" + mediaId))))
                .as("served from the kept copy").isEmpty();
    }

    @Test
    void the_same_file_sent_twice_is_kept_once() {
        String first = "82" + System.nanoTime();
        String second = "83" + System.nanoTime();
        byte[] bytes = ("the same scan " + first).getBytes();
        metaHas(first, "image/jpeg", bytes);
        metaHas(second, "image/jpeg", bytes);
        customerSendsPhoto(first);
        customerSendsPhoto(second);

        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(first).equals("stored") && stateOf(second).equals("stored"));
        List<String> digests = jdbc.queryForList("select sha256 from media_archive where media_id in (?, ?)",
                String.class, first, second);
        assertThat(digests).hasSize(2).containsOnly(digests.get(0));
        assertThat(jdbc.queryForObject("select count(*) from media_blob where sha256 = ?", Integer.class, digests.get(0)))
                .isEqualTo(1);
    }

    @Test
    void a_photo_meta_is_slow_to_hand_over_holds_up_none_of_the_photos_after_it() {
        String slow = "85" + System.nanoTime();
        byte[] slowBytes = ("a large scan " + slow).getBytes();
        metaHas(slow, "image/jpeg", slowBytes);
        GraphStub.server().stubFor(get(urlPathEqualTo("/lookaside/" + slow)).willReturn(aResponse()
                .withHeader("Content-Type", "image/jpeg").withBody(slowBytes).withFixedDelay(12_000)));
        customerSendsPhoto(slow);
        await().atMost(Duration.ofSeconds(10)).until(() -> !GraphStub.server()
                .findAll(getRequestedFor(urlPathEqualTo("/lookaside/" + slow))).isEmpty());

        List<String> after = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "86" + i + "x" + System.nanoTime()).toList();
        after.forEach(mediaId -> {
            metaHas(mediaId, "image/jpeg", ("receipt " + mediaId).getBytes());
            customerSendsPhoto(mediaId);
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> after.stream().allMatch(id -> stateOf(id).equals("stored")));
        assertThat(stateOf(slow)).as("still downloading while all 40 after it were kept").isNotEqualTo("stored");
        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(slow).equals("stored"));
    }

    @Test
    void twenty_photos_meta_hands_over_slowly_are_all_downloading_at_the_same_time() {
        List<String> photos = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "87" + i + "x" + System.nanoTime()).toList();
        photos.forEach(mediaId -> {
            byte[] bytes = ("delivery note " + mediaId).getBytes();
            metaHas(mediaId, "image/jpeg", bytes);
            GraphStub.server().stubFor(get(urlPathEqualTo("/lookaside/" + mediaId)).willReturn(aResponse()
                    .withHeader("Content-Type", "image/jpeg").withBody(bytes).withFixedDelay(5_000)));
            customerSendsPhoto(mediaId);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> photos.stream().allMatch(id -> stateOf(id).equals("stored")));
        List<Long> asked = photos.stream().map(id -> GraphStub.server()
                .findAll(getRequestedFor(urlPathEqualTo("/lookaside/" + id))).get(0).getLoggedDate().getTime()).toList();
        assertThat(java.util.Collections.max(asked) - java.util.Collections.min(asked))
                .as("every download asked for before the first one's 5 s were over").isLessThan(4_000);
    }

    @Test
    void media_meta_no_longer_has_is_given_up_at_once_with_the_reason() {
        String mediaId = "84" + System.nanoTime();
        customerSendsPhoto(mediaId);

        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(mediaId).equals("failed"));
        assertThat(jdbc.queryForObject("select attempts from media_archive where media_id = ?", Integer.class, mediaId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select last_error from media_archive where media_id = ?", String.class, mediaId))
                .contains("no longer");
    }
}
