package ke.co.datacare.whatsapp.app.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A stand-in for Meta's Graph API over real HTTP on localhost, answering in Meta's formats: sends are
 * accepted with a fresh wamid, and the business account has a few templates. Tests add their own stubs
 * (errors, delays) on top; {@link #reset()} restores the defaults.
 */
public final class GraphStub {

    public static final String VERSION = "/v21.0";
    public static final String PHONE_NUMBER_ID = "110000000000001";
    /** The second business number of the test configuration ({@code datacare.whatsapp.numbers.ids}). */
    public static final String SECOND_PHONE_NUMBER_ID = "110000000000002";
    /** Either business number's {@code messages} edge. */
    private static final String ANY_NUMBERS_MESSAGES = VERSION + "/(" + PHONE_NUMBER_ID + "|" + SECOND_PHONE_NUMBER_ID
            + ")/messages";
    public static final String WABA_ID = "220000000000002";

    private static WireMockServer server;

    private GraphStub() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                    .containerThreads(40));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            defaults();
        }
        return server;
    }

    public static String apiUrl() {
        return "http://localhost:" + server().port() + VERSION;
    }

    public static synchronized void reset() {
        server().resetAll();
        defaults();
    }

    public static List<LoggedRequest> sends() {
        return server().findAll(postRequestedFor(urlPathEqualTo(VERSION + "/" + PHONE_NUMBER_ID + "/messages")));
    }

    public static String messagesPath() {
        return VERSION + "/" + PHONE_NUMBER_ID + "/messages";
    }

    public static String metaError(int code, String title) {
        return "{\"error\":{\"message\":\"(#" + code + ") " + title + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + title + "\"},"
                + "\"fbtrace_id\":\"AbCdEf\"}}";
    }

    private static void defaults() {
        server.stubFor(post(urlPathMatching(ANY_NUMBERS_MESSAGES)).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"{{jsonPath request.body '$.to'}}\","
                        + "\"wa_id\":\"{{jsonPath request.body '$.to'}}\"}],\"messages\":[{\"id\":\"wamid.STUB{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}")));
        server.stubFor(get(urlPathMatching(VERSION + "/" + WABA_ID + "/message_templates")).atPriority(10).willReturn(okJson(
                "{\"data\":["
                        + "{\"id\":\"5010000000000001\",\"name\":\"hello_world\",\"status\":\"APPROVED\",\"category\":\"UTILITY\","
                        + "\"language\":\"en_US\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hello from DataCare\"}]},"
                        + "{\"id\":\"5010000000000002\",\"name\":\"order_update\",\"status\":\"APPROVED\",\"category\":\"UTILITY\","
                        + "\"language\":\"en\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hi {{1}}, order {{2}} is on its way\"}]},"
                        + "{\"id\":\"5010000000000003\",\"name\":\"december_offer\",\"status\":\"APPROVED\",\"category\":\"MARKETING\","
                        + "\"language\":\"en\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hi {{1}}, 20% off fibre this December\"}]},"
                        + "{\"id\":\"5010000000000004\",\"name\":\"draft_notice\",\"status\":\"PENDING\",\"category\":\"UTILITY\","
                        + "\"language\":\"en\",\"components\":[{\"type\":\"BODY\",\"text\":\"Notice\"}]},"
                        + "{\"id\":\"5010000000000005\",\"name\":\"customer_satisfaction\",\"status\":\"APPROVED\","
                        + "\"category\":\"UTILITY\",\"language\":\"en\",\"components\":[{\"type\":\"BODY\","
                        + "\"text\":\"How well did we help you today?\"},{\"type\":\"BUTTONS\",\"buttons\":["
                        + "{\"type\":\"QUICK_REPLY\",\"text\":\"Excellent\"},{\"type\":\"QUICK_REPLY\",\"text\":\"Good\"},"
                        + "{\"type\":\"QUICK_REPLY\",\"text\":\"Okay\"},{\"type\":\"QUICK_REPLY\",\"text\":\"Poor\"},"
                        + "{\"type\":\"QUICK_REPLY\",\"text\":\"Very poor\"}]}]}"
                        + "]}")));
        server.stubFor(post(urlPathMatching(ANY_NUMBERS_MESSAGES))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.status", com.github.tomakehurst.wiremock.client.WireMock.equalTo("read")))
                .atPriority(5).willReturn(okJson("{\"success\":true}")));
    }
}
