package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.PHONE_NUMBER_ID;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphApiClientMediaTest {

    @RegisterExtension
    static WireMockExtension meta = GraphApiTestSupport.meta();

    private static final String MEDIA_ID = "1479537139650973";
    private static final byte[] PHOTO = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xff};

    private GraphApiClient client;

    @BeforeEach
    void create_client() {
        client = GraphApiTestSupport.client(meta.baseUrl());
    }

    @Test
    void uploads_media_as_multipart_with_messaging_product_file_and_type() {
        meta.stubFor(post(urlEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/media"))
                .willReturn(okJson("{\"id\":\"" + MEDIA_ID + "\"}")));

        String id = client.uploadMedia(PHONE_NUMBER_ID, PHOTO, "router.png", "image/png");

        assertThat(id).isEqualTo(MEDIA_ID);
        meta.verify(postRequestedFor(urlEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/media"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", containing(
                        "multipart/form-data"))
                .withRequestBodyPart(aMultipart("messaging_product").withBody(equalTo("whatsapp")).build())
                .withRequestBodyPart(aMultipart("type").withBody(equalTo("image/png")).build())
                .withRequestBodyPart(aMultipart("file")
                        .withHeader("Content-Type", equalTo("image/png"))
                        .withHeader("Content-Disposition", containing(
                                "filename=\"router.png\""))
                        .withBody(binaryEqualTo(PHOTO))
                        .build()));
    }

    @Test
    void resolves_a_media_id_to_its_download_url() {
        stubResolve(Scenario.STARTED, null, meta.baseUrl() + "/lookaside/first");

        MediaDownload download = client.resolveMedia(MEDIA_ID);

        assertThat(download).isEqualTo(new MediaDownload(MEDIA_ID, meta.baseUrl() + "/lookaside/first",
                "image/png", "7b3c0a1f", 303833));
        meta.verify(getRequestedFor(urlEqualTo("/v21.0/" + MEDIA_ID))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void streams_media_with_the_bearer_token() {
        stubResolve(Scenario.STARTED, null, meta.baseUrl() + "/lookaside/first?mid=1&ext=2");
        meta.stubFor(get(urlPathEqualTo("/lookaside/first")).willReturn(aResponse().withBody(PHOTO)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        client.streamMedia(MEDIA_ID, out);

        assertThat(out.toByteArray()).isEqualTo(PHOTO);
        meta.verify(getRequestedFor(urlEqualTo("/lookaside/first?mid=1&ext=2"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void resolves_the_url_once_more_when_the_download_answers_404() {
        stubResolve(Scenario.STARTED, "resolved once", meta.baseUrl() + "/lookaside/expired");
        stubResolve("resolved once", null, meta.baseUrl() + "/lookaside/fresh");
        meta.stubFor(get(urlEqualTo("/lookaside/expired")).willReturn(notFound()));
        meta.stubFor(get(urlEqualTo("/lookaside/fresh")).willReturn(aResponse().withBody(PHOTO)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        client.streamMedia(MEDIA_ID, out);

        assertThat(out.toByteArray()).isEqualTo(PHOTO);
        meta.verify(2, getRequestedFor(urlEqualTo("/v21.0/" + MEDIA_ID)));
    }

    @Test
    void gives_up_when_the_fresh_url_answers_404_too() {
        stubResolve(Scenario.STARTED, null, meta.baseUrl() + "/lookaside/expired");
        meta.stubFor(get(urlEqualTo("/lookaside/expired")).willReturn(notFound()));

        assertThatThrownBy(() -> client.streamMedia(MEDIA_ID, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(GraphApiException.class,
                        thrown -> assertThat(thrown.error().errorClass()).isEqualTo(ErrorClass.PERMANENT));
        meta.verify(2, getRequestedFor(urlEqualTo("/v21.0/" + MEDIA_ID)));
        meta.verify(2, getRequestedFor(urlEqualTo("/lookaside/expired")));
    }

    @Test
    void never_follows_a_media_url_to_a_host_that_is_not_metas() {
        stubResolve(Scenario.STARTED, null, "https://attacker.example/steal?mid=1");

        assertThatThrownBy(() -> client.streamMedia(MEDIA_ID, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(GraphApiException.class,
                        thrown -> assertThat(thrown.getMessage()).contains("outside Meta's media hosts"));
    }

    @Test
    void follows_metas_media_host_over_https_only() {
        TokenDestinations destinations = new TokenDestinations(java.net.URI.create("https://graph.facebook.com/v21.0"),
                java.util.List.of("lookaside.fbsbx.com", "localhost"));

        assertThat(destinations.media(java.net.URI.create("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1")))
                .isTrue();
        assertThat(destinations.media(java.net.URI.create("http://lookaside.fbsbx.com/x"))).isFalse();
        assertThat(destinations.media(java.net.URI.create("https://lookaside.fbsbx.com.evil.example/x"))).isFalse();
        assertThat(destinations.media(java.net.URI.create("http://localhost:8089/media/1"))).isTrue();
        assertThat(destinations.media(java.net.URI.create("https://graph.facebook.com/v21.0/123"))).isTrue();
    }

    @Test
    void reports_an_unknown_media_id_as_metas_error() {
        meta.stubFor(get(urlEqualTo("/v21.0/404404")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100,
                          "error_subcode":33,"fbtrace_id":"AbC"}}""")));

        assertThatThrownBy(() -> client.resolveMedia("404404"))
                .isInstanceOfSatisfying(GraphApiException.class, thrown -> {
                    assertThat(thrown.error().code()).isEqualTo(100);
                    assertThat(thrown.error().subcode()).isEqualTo(33);
                    assertThat(thrown.getMessage()).contains("code 100").doesNotContain(TOKEN);
                });
    }

    private static void stubResolve(String state, String nextState, String url) {
        var stub = get(urlEqualTo("/v21.0/" + MEDIA_ID))
                .inScenario("media url")
                .whenScenarioStateIs(state)
                .willReturn(okJson("""
                        {"messaging_product":"whatsapp","url":"%s","mime_type":"image/png",
                         "sha256":"7b3c0a1f","file_size":"303833","id":"%s"}""".formatted(url, MEDIA_ID)));
        meta.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }
}
