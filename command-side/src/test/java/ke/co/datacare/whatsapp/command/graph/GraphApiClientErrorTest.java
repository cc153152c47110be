package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.PHONE_NUMBER_ID;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.MESSAGES;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class GraphApiClientErrorTest {

    @RegisterExtension
    static WireMockExtension meta = GraphApiTestSupport.meta();

    @Test
    void classifies_130429_as_transient() {
        assertThat(failureFor(429, metaError(130429, "(#130429) Rate limit hit")).errorClass())
                .isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void classifies_131000_as_transient() {
        assertThat(failureFor(500, metaError(131000, "Something went wrong")).errorClass())
                .isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void classifies_131056_as_pair_rate_limited() {
        assertThat(failureFor(400, metaError(131056, "(Business Account, Consumer Account) pair rate limit hit"))
                .errorClass()).isEqualTo(ErrorClass.PAIR_RATE_LIMITED);
    }

    @Test
    void classifies_131047_as_window_closed() {
        assertThat(failureFor(400, metaError(131047, "Re-engagement message")).errorClass())
                .isEqualTo(ErrorClass.WINDOW_CLOSED);
    }

    @Test
    void classifies_131050_as_opted_out() {
        assertThat(failureFor(400, metaError(131050, "Unable to deliver the message")).errorClass())
                .isEqualTo(ErrorClass.OPTED_OUT);
    }

    @Test
    void classifies_131026_as_permanent() {
        assertThat(failureFor(400, metaError(131026, "Message undeliverable")).errorClass())
                .isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void classifies_100_as_permanent() {
        assertThat(failureFor(400, metaError(100, "(#100) Invalid parameter")).errorClass())
                .isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void classifies_190_as_permanent() {
        assertThat(failureFor(401, metaError(190, "Error validating access token")).errorClass())
                .isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void decides_on_the_code_not_on_the_http_status() {
        assertThat(failureFor(500, metaError(131047, "Re-engagement message")).errorClass())
                .isEqualTo(ErrorClass.WINDOW_CLOSED);
        assertThat(failureFor(400, metaError(131000, "Something went wrong")).errorClass())
                .isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void treats_an_unknown_code_with_http_4xx_as_permanent() {
        assertThat(failureFor(400, metaError(999999, "Something new")).errorClass()).isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void reads_every_field_of_metas_error_body() {
        GraphError error = failureFor(400, """
                {"error":{"message":"(#131056) (Business Account, Consumer Account) pair rate limit hit",
                  "type":"OAuthException","code":131056,"error_subcode":2494010,
                  "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time."},
                  "fbtrace_id":"AazIjsSRF2kxmbCV6dtJ2Mk"}}""");

        assertThat(error).isEqualTo(new GraphError(400, 131056, 2494010, "OAuthException",
                "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                "Message failed to send because there were too many messages sent from this phone number to the "
                        + "same phone number in a short period of time.",
                "AazIjsSRF2kxmbCV6dtJ2Mk", ErrorClass.PAIR_RATE_LIMITED));
    }

    @Test
    void reads_a_code_given_as_a_string_and_ignores_unknown_fields() {
        GraphError error = failureFor(400, """
                {"error":{"code":"131047","is_transient":false,"error_user_title":"Message failed to send",
                  "error_data":"not an object"},"extra":[1,2]}""");

        assertThat(error.code()).isEqualTo(131047);
        assertThat(error.title()).isEqualTo("Message failed to send");
        assertThat(error.details()).isNull();
        assertThat(error.errorClass()).isEqualTo(ErrorClass.WINDOW_CLOSED);
    }

    @Test
    void treats_a_5xx_without_a_body_as_transient() {
        GraphError error = failureFor(503, "");

        assertThat(error.httpStatus()).isEqualTo(503);
        assertThat(error.code()).isNull();
        assertThat(error.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void treats_a_proxy_error_page_leniently() {
        GraphError error = failureFor(502, "<html><body>" + "Bad gateway ".repeat(100) + "</body></html>");

        assertThat(error.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(error.message()).startsWith("<html>").hasSizeLessThan(400);
    }

    @Test
    void treats_a_read_timeout_as_transient() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withFixedDelay(1_000)));
        GraphApiClient impatient = new GraphApiClient(GraphApiTestSupport.properties(meta.baseUrl() + "/v21.0",
                TOKEN, Duration.ofMillis(200)), RestClient.builder());

        GraphError error = failed(impatient.send(PHONE_NUMBER_ID, "254712345678", new TextContent("Habari", false), null, null));

        assertThat(error.httpStatus()).isZero();
        assertThat(error.title()).isEqualTo("Timeout");
        assertThat(error.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void treats_a_refused_connection_as_transient() throws IOException {
        GraphError error = failed(GraphApiTestSupport.client("http://localhost:" + closedPort())
                .send(PHONE_NUMBER_ID, "254712345678", new TextContent("Habari", false), null, null));

        assertThat(error.httpStatus()).isZero();
        assertThat(error.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void never_reveals_the_access_token_in_errors_or_logs(CapturedOutput output) throws IOException {
        GraphApiClient unreachable = GraphApiTestSupport.client("http://localhost:" + closedPort());

        GraphError sendError = failed(unreachable.send(PHONE_NUMBER_ID, "254712345678", new TextContent("Habari", false), null, null));
        assertThatThrownBy(() -> unreachable.markAsRead(PHONE_NUMBER_ID, "wamid.A", false))
                .isInstanceOfSatisfying(GraphApiException.class,
                        thrown -> assertThat(thrown.getMessage()).doesNotContain(TOKEN));
        GraphError rejected = failureFor(401, metaError(190, "Error validating access token"));

        assertThat(sendError.toString()).doesNotContain(TOKEN);
        assertThat(rejected.toString()).doesNotContain(TOKEN);
        assertThat(GraphApiTestSupport.properties(meta.baseUrl()).toString()).doesNotContain(TOKEN);
        assertThat(output.getAll()).contains("Send failed").doesNotContain(TOKEN);
    }

    private static GraphError failureFor(int status, String body) {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
        return failed(GraphApiTestSupport.client(meta.baseUrl())
                .send(PHONE_NUMBER_ID, "254712345678", new TextContent("Habari", false), null, null));
    }

    private static GraphError failed(SendResult result) {
        assertThat(result).isInstanceOf(SendResult.Failed.class);
        return ((SendResult.Failed) result).error();
    }

    private static String metaError(int code, String message) {
        return """
                {"error":{"message":"%s","type":"OAuthException","code":%d,
                  "error_data":{"messaging_product":"whatsapp","details":"details of %d"},
                  "fbtrace_id":"A1b2C3d4"}}""".formatted(message, code, code);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
