package ke.co.datacare.whatsapp.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The setup check against a Graph API stand-in that answers Meta's account reads in Meta's formats. */
class SetupCheckTest extends SignedInTest {

    private static final String PHONE = GraphStub.VERSION + "/" + GraphStub.PHONE_NUMBER_ID;
    private static final String SECOND_PHONE = GraphStub.VERSION + "/" + GraphStub.SECOND_PHONE_NUMBER_ID;
    private static final String SECOND_CHECK = "phone-number:" + GraphStub.SECOND_PHONE_NUMBER_ID;
    private static final String SUBSCRIPTIONS = GraphStub.VERSION + "/" + GraphStub.WABA_ID + "/subscribed_apps";
    private static final String DEBUG_TOKEN = GraphStub.VERSION + "/debug_token";

    @Autowired
    UserAccounts users;

    private final List<StubMapping> stubs = new ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(GraphStub.server()::removeStub);
    }

    @Test
    void a_complete_setup_passes_every_check() {
        metaAnswers(validToken(0, "whatsapp_business_messaging", "whatsapp_business_management"), number("GREEN"),
                "{\"data\":[{\"whatsapp_business_api_data\":{\"id\":\"123\",\"name\":\"DataCare Inbox\"}}]}");

        JsonNode report = client.getJson("/api/admin/setup-check", token);

        assertThat(report.path("sandbox").asBoolean()).isFalse();
        assertThat(status(report, "settings")).isEqualTo("OK");
        assertThat(status(report, "access-token")).isEqualTo("OK");
        assertThat(status(report, "phone-number")).isEqualTo("OK");
        assertThat(detail(report, "phone-number")).contains("+254 700 000001").contains("GREEN");
        assertThat(status(report, SECOND_CHECK)).as("every number is checked").isEqualTo("OK");
        assertThat(detail(report, SECOND_CHECK)).contains("+254 700 000002");
        assertThat(status(report, "webhook-subscription")).isEqualTo("OK");
        assertThat(detail(report, "webhook-subscription")).contains("DataCare Inbox");
        assertThat(status(report, "webhook-verification")).isEqualTo("OK");
        assertThat(status(report, "webhook-intake")).isEqualTo("OK");
        assertThat(status(report, "templates")).isEqualTo("OK");
        assertThat(report.path("status").asText()).isEqualTo("OK");
    }

    @Test
    void a_token_without_the_management_permission_fails_naming_it() {
        metaAnswers(validToken(0, "whatsapp_business_messaging"), number("GREEN"), "{\"data\":[{}]}");

        JsonNode report = client.getJson("/api/admin/setup-check", token);

        assertThat(status(report, "access-token")).isEqualTo("FAILED");
        assertThat(detail(report, "access-token")).contains("whatsapp_business_management");
        assertThat(report.path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void a_token_that_expires_is_a_warning_and_a_red_number_too() {
        metaAnswers(validToken(1_900_000_000L, "whatsapp_business_messaging", "whatsapp_business_management"),
                number("RED"), "{\"data\":[{}]}");

        JsonNode report = client.getJson("/api/admin/setup-check", token);

        assertThat(status(report, "access-token")).isEqualTo("WARNING");
        assertThat(detail(report, "access-token")).contains("expires");
        assertThat(status(report, "phone-number")).isEqualTo("WARNING");
        assertThat(report.path("status").asText()).isEqualTo("WARNING");
    }

    @Test
    void an_app_not_subscribed_to_the_business_account_and_a_rejected_token_are_reported_with_metas_reason() {
        stubs.add(GraphStub.server().stubFor(get(urlPathEqualTo(DEBUG_TOKEN)).atPriority(1).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(GraphStub.metaError(190, "Invalid OAuth access token")))));
        stubs.add(GraphStub.server().stubFor(get(urlPathEqualTo(PHONE)).atPriority(1).willReturn(okJson(number("GREEN")))));
        stubs.add(GraphStub.server().stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).atPriority(1).willReturn(okJson("{\"data\":[]}"))));

        JsonNode report = client.getJson("/api/admin/setup-check", token);

        assertThat(status(report, "access-token")).isEqualTo("FAILED");
        assertThat(detail(report, "access-token")).contains("Invalid OAuth access token").contains("190")
                .doesNotContain("test-access-token");
        assertThat(status(report, "webhook-subscription")).isEqualTo("FAILED");
        assertThat(detail(report, "webhook-subscription")).contains("subscribed_apps");
    }

    @Test
    void a_second_number_not_registered_on_cloud_api_fails_and_one_meta_limits_is_a_warning_with_metas_reason() {
        metaAnswers(validToken(0, "whatsapp_business_messaging", "whatsapp_business_management"), number("GREEN"),
                "{\"data\":[{}]}", """
                {"verified_name":"DataCare Shop","display_phone_number":"+254 700 000002","quality_rating":"GREEN",
                 "code_verification_status":"VERIFIED","status":"CONNECTED","platform_type":"NOT_APPLICABLE",
                 "throughput":{"level":"STANDARD"},"id":"%s"}""".formatted(GraphStub.SECOND_PHONE_NUMBER_ID));

        JsonNode unregistered = client.getJson("/api/admin/setup-check", token);

        assertThat(status(unregistered, "phone-number")).isEqualTo("OK");
        assertThat(status(unregistered, SECOND_CHECK)).isEqualTo("FAILED");
        assertThat(detail(unregistered, SECOND_CHECK)).contains("not registered").contains("/register");
        assertThat(unregistered.path("status").asText()).isEqualTo("FAILED");

        removeStubs();
        stubs.clear();
        metaAnswers(validToken(0, "whatsapp_business_messaging", "whatsapp_business_management"), number("GREEN"),
                "{\"data\":[{}]}", """
                {"verified_name":"DataCare Shop","display_phone_number":"+254 700 000002","quality_rating":"GREEN",
                 "status":"CONNECTED","platform_type":"CLOUD_API","throughput":{"level":"STANDARD"},
                 "health_status":{"can_send_message":"LIMITED","entities":[
                   {"entity_type":"PHONE_NUMBER","id":"%s","can_send_message":"LIMITED","errors":[
                     {"error_code":141011,"error_description":"The number has reached its messaging limit.",
                      "possible_solution":"Wait for the limit to reset."}]},
                   {"entity_type":"WABA","id":"%s","can_send_message":"AVAILABLE"}]},
                 "id":"%s"}""".formatted(GraphStub.SECOND_PHONE_NUMBER_ID, GraphStub.WABA_ID,
                GraphStub.SECOND_PHONE_NUMBER_ID));

        JsonNode limited = client.getJson("/api/admin/setup-check", token);

        assertThat(status(limited, SECOND_CHECK)).isEqualTo("WARNING");
        assertThat(detail(limited, SECOND_CHECK)).contains("LIMITED").contains("141011").contains("Wait for the limit");
    }

    @Test
    void only_admins_may_run_the_setup_check() {
        String email = "analyst-" + UUID.randomUUID().toString().substring(0, 8) + "@test.datacare.local";
        users.create(email, "analyst-password", "Achieng Analyst", Role.ANALYST);

        assertThat(client.get("/api/admin/setup-check", client.login(email, "analyst-password")).statusCode())
                .isEqualTo(403);
    }

    private void metaAnswers(String tokenBody, String numberBody, String subscriptionsBody) {
        metaAnswers(tokenBody, numberBody, subscriptionsBody, "{\"verified_name\":\"DataCare Shop\",\"display_phone_number\":"
                + "\"+254 700 000002\",\"quality_rating\":\"GREEN\",\"status\":\"CONNECTED\",\"platform_type\":"
                + "\"CLOUD_API\",\"health_status\":{\"can_send_message\":\"AVAILABLE\"},\"id\":\""
                + GraphStub.SECOND_PHONE_NUMBER_ID + "\"}");
    }

    private void metaAnswers(String tokenBody, String numberBody, String subscriptionsBody, String secondNumberBody) {
        stubs.add(GraphStub.server().stubFor(get(urlPathEqualTo(SECOND_PHONE)).atPriority(1)
                .willReturn(okJson(secondNumberBody))));
        stubs.add(GraphStub.server().stubFor(get(urlPathEqualTo(DEBUG_TOKEN)).atPriority(1).willReturn(okJson(tokenBody))));
        stubs.add(GraphStub.server().stubFor(get(urlPathEqualTo(PHONE)).atPriority(1).willReturn(okJson(numberBody))));
        stubs.add(GraphStub.server().stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).atPriority(1).willReturn(okJson(subscriptionsBody))));
    }

    private static String validToken(long expiresAt, String... scopes) {
        return "{\"data\":{\"app_id\":\"123\",\"type\":\"SYSTEM_USER\",\"application\":\"DataCare\",\"expires_at\":"
                + expiresAt + ",\"is_valid\":true,\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}}";
    }

    private static String number(String quality) {
        return "{\"verified_name\":\"DataCare\",\"display_phone_number\":\"+254 700 000001\",\"quality_rating\":\""
                + quality + "\",\"code_verification_status\":\"VERIFIED\",\"id\":\"" + GraphStub.PHONE_NUMBER_ID + "\"}";
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named " + name + " in " + report);
    }

    private static String status(JsonNode report, String name) {
        return check(report, name).path("status").asText();
    }

    private static String detail(JsonNode report, String name) {
        return check(report, name).path("detail").asText();
    }
}
