package ke.co.datacare.whatsapp.command.graph.sandbox;

import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.net.URI;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateParameter;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.GraphApiException;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import ke.co.datacare.whatsapp.command.graph.SendResult;
import ke.co.datacare.whatsapp.command.graph.TemplateDraft;
import ke.co.datacare.whatsapp.command.graph.TemplateSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.TextMessageReceived;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "datacare.whatsapp.sandbox.enabled=true",
        "datacare.whatsapp.sandbox.app-secret=" + SandboxGraphApiTest.APP_SECRET,
        "datacare.whatsapp.sandbox.status-delays=100ms,200ms,300ms",
        "datacare.whatsapp.business-account-id=" + SandboxGraphApiTest.WABA_ID,
        "datacare.whatsapp.phone-number-id=" + SandboxGraphApiTest.PHONE_NUMBER_ID,
        "datacare.whatsapp.numbers.ids=" + SandboxGraphApiTest.SECOND_PHONE_NUMBER_ID})
@Import(SandboxGraphApiTest.CustomersWhoWrote.class)
class SandboxGraphApiTest {

    static final String SILENT_CUSTOMER = "254799000001";

    /** Every customer wrote a minute ago, except {@link #SILENT_CUSTOMER}, who never did. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CustomersWhoWrote {
        @Bean
        @Primary
        SandboxCustomerWindows customersWhoWrote() {
            return new SandboxCustomerWindows((phoneNumberId, waId) -> waId.equals(SILENT_CUSTOMER) ? Optional.empty()
                    : Optional.of("conversation-with-everyone")) {
                {
                    on(new TextMessageReceived(ConversationId.of("conversation-with-everyone"), "wamid.IN",
                            Instant.now().minusSeconds(60), "Habari", null, null));
                }
            };
        }
    }

    static final String APP_SECRET = "sandbox-app-secret";
    static final String WABA_ID = "100000000000042";
    static final String PHONE_NUMBER_ID = "110000000000042";
    static final String SECOND_PHONE_NUMBER_ID = "110000000000043";
    private static final String WEBHOOK = "/webhook/whatsapp";

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void statusWebhooksGoToTheServiceStandIn(DynamicPropertyRegistry registry) {
        registry.add("datacare.whatsapp.sandbox.webhook-url", () -> service.baseUrl() + WEBHOOK);
    }

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();
    private GraphApiClient client;

    @BeforeEach
    void point_the_client_at_the_sandbox() {
        service.stubFor(post(urlEqualTo(WEBHOOK)).willReturn(ok()));
        client = new GraphApiClient(new GraphApiProperties("http://localhost:" + port + "/sandbox/graph/v21.0",
                PHONE_NUMBER_ID, WABA_ID, "", Duration.ofSeconds(1), Duration.ofSeconds(5), 80, 45,
                Duration.ofSeconds(6), 0.2, 512, List.of()), RestClient.builder());
    }

    @Test
    void accepts_a_text_like_meta_and_reports_sent_delivered_and_read_through_signed_webhooks() throws Exception {
        SendResult result = client.send(PHONE_NUMBER_ID, "+254712345678", new TextContent("Habari", false), null, "ticket=7 \u2615");

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        SendResult.Accepted accepted = (SendResult.Accepted) result;
        assertThat(accepted.wamid()).startsWith("wamid.SANDBOX");
        assertThat(accepted.waId()).isEqualTo("254712345678");

        List<LoggedRequest> webhooks = awaitWebhooksAbout(accepted.wamid(), 3);
        for (LoggedRequest webhook : webhooks) {
            assertThat(webhook.getHeader("X-Hub-Signature-256")).isEqualTo("sha256=" + hmac(webhook.getBody()));
            assertThat(webhook.getBodyAsString()).contains("ticket=7 \\u2615");
        }
        List<String> statuses = webhooks.stream().map(this::status).map(s -> s.path("status").asText()).toList();
        assertThat(statuses).containsExactly("sent", "delivered", "read");

        JsonNode body = json.readTree(webhooks.get(0).getBody());
        assertThat(body.path("object").asText()).isEqualTo("whatsapp_business_account");
        assertThat(body.path("entry").path(0).path("id").asText()).isEqualTo(WABA_ID);
        JsonNode value = body.path("entry").path(0).path("changes").path(0).path("value");
        assertThat(body.path("entry").path(0).path("changes").path(0).path("field").asText()).isEqualTo("messages");
        assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(PHONE_NUMBER_ID);
        JsonNode sent = value.path("statuses").path(0);
        assertThat(sent.path("recipient_id").asText()).isEqualTo("254712345678");
        assertThat(sent.path("timestamp").isTextual()).isTrue();
        assertThat(sent.path("biz_opaque_callback_data").asText()).isEqualTo("ticket=7 \u2615");
        assertThat(sent.path("pricing").path("category").asText()).isEqualTo("service");
    }

    @Test
    void refuses_free_text_to_a_customer_who_has_not_written_in_24_hours_with_metas_131047_but_sends_a_template()
            throws Exception {
        SendResult result = client.send(PHONE_NUMBER_ID, "+" + SILENT_CUSTOMER, new TextContent("Are you there?", false), null, "m-1");

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        List<LoggedRequest> webhooks = awaitWebhooksAbout(((SendResult.Accepted) result).wamid(), 1);
        JsonNode failed = status(webhooks.get(0));
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("errors").path(0).path("code").asInt()).isEqualTo(131047);
        assertThat(failed.path("errors").path(0).path("title").asText()).isEqualTo("Re-engagement message");
        assertThat(failed.has("pricing")).isFalse();

        SendResult template = client.send(PHONE_NUMBER_ID, "+" + SILENT_CUSTOMER, new TemplateContent("hello_world", "en_US", null),
                null, "m-2");
        List<String> statuses = awaitWebhooksAbout(((SendResult.Accepted) template).wamid(), 2).stream()
                .map(this::status).map(status -> status.path("status").asText()).toList();
        assertThat(statuses).doesNotContain("failed");
    }

    @Test
    void accepts_an_approved_template_and_prices_it_by_its_category() throws Exception {
        SendResult result = client.send(PHONE_NUMBER_ID, "254712345678", new TemplateContent("order_update", "en", List.of(
                TemplateComponent.body(TemplateParameter.text("Wanjiku"), TemplateParameter.text("DC-1042")))),
                null, null);

        String wamid = ((SendResult.Accepted) result).wamid();
        JsonNode sent = status(awaitWebhooksAbout(wamid, 1).get(0));
        assertThat(sent.path("pricing").path("category").asText()).isEqualTo("utility");
        assertThat(sent.path("pricing").path("billable").asBoolean()).isTrue();
    }

    @Test
    void sends_to_a_business_scoped_id_given_as_recipient_and_names_it_so_in_the_answer_and_statuses() throws Exception {
        SendResult result = client.send(PHONE_NUMBER_ID, "KE.13491208655302741918", new TemplateContent("hello_world", "en_US", null),
                null, null);

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        JsonNode sent = status(awaitWebhooksAbout(((SendResult.Accepted) result).wamid(), 1).get(0));
        assertThat(sent.path("recipient_user_id").asText()).isEqualTo("KE.13491208655302741918");
        assertThat(sent.has("recipient_id")).isFalse();
    }

    @Test
    void refuses_an_authentication_template_to_a_business_scoped_id_with_metas_131062() {
        SendResult result = client.send(PHONE_NUMBER_ID, "KE.13491208655302741918", new TemplateContent("login_code", "en", List.of(
                TemplateComponent.body(TemplateParameter.text("482913")))), null, null);

        assertThat(result).isInstanceOf(SendResult.Failed.class);
        assertThat(((SendResult.Failed) result).error().code()).isEqualTo(131062);
        assertThat(((SendResult.Failed) result).error().errorClass()).isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void refuses_a_template_it_does_not_know_like_meta() {
        SendResult result = client.send(PHONE_NUMBER_ID, "254712345678", new TemplateContent("no_such_template", "en", List.of()),
                null, null);

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.error().code()).isEqualTo(132001);
            assertThat(failed.error().errorClass()).isEqualTo(ErrorClass.PERMANENT);
        });
    }

    @Test
    void lists_its_numbers_like_meta_and_refuses_a_send_from_a_number_it_does_not_have() throws Exception {
        List<BusinessNumbers.Listed> numbers = client.listPhoneNumbers();
        HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/sandbox/graph/v21.0/110000000000099/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\",\"to\":\"254712345678\","
                        + "\"type\":\"text\",\"text\":{\"body\":\"Habari\"}}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(numbers).extracting(BusinessNumbers.Listed::id).containsExactly(PHONE_NUMBER_ID, SECOND_PHONE_NUMBER_ID);
        assertThat(numbers).extracting(BusinessNumbers.Listed::displayPhoneNumber).containsExactly("15550000000", "15550000001");
        assertThat(numbers).allSatisfy(number -> {
            assertThat(number.qualityRating()).isEqualTo("GREEN");
            assertThat(number.status()).isEqualTo("CONNECTED");
        });
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(json.readTree(foreign.body()).path("error").path("code").asInt()).isEqualTo(100);
    }

    @Test
    void marks_a_message_as_read_like_meta() {
        client.markAsRead(PHONE_NUMBER_ID, "wamid.INBOUND42", true);

        JsonNode last = recordedRequests().get(recordedRequests().size() - 1);
        assertThat(last.path("body").path("message_id").asText()).isEqualTo("wamid.INBOUND42");
        assertThat(last.path("body").path("typing_indicator").path("type").asText()).isEqualTo("text");
    }

    @Test
    void serves_uploaded_media_back_through_resolve_and_download() {
        byte[] photo = "not really a png".getBytes(StandardCharsets.UTF_8);

        String mediaId = client.uploadMedia(PHONE_NUMBER_ID, photo, "router.png", "image/png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.streamMedia(mediaId, out);

        assertThat(out.toByteArray()).isEqualTo(photo);
        assertThat(client.resolveMedia(mediaId).url()).startsWith("http://localhost:" + port + "/sandbox/graph/");
        assertThat(client.resolveMedia(mediaId).mimeType()).isEqualTo("image/png");
        assertThat(client.resolveMedia(mediaId).fileSize()).isEqualTo(photo.length);
    }

    @Test
    void serves_an_uploaded_html_file_as_a_download_the_browser_may_not_sniff() {
        String mediaId = client.uploadMedia(PHONE_NUMBER_ID, "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8),
                "page.html", "text/html");

        var download = RestClient.create().get()
                .uri("http://localhost:" + port + "/sandbox/graph/downloads/" + mediaId)
                .retrieve()
                .toEntity(byte[].class);

        assertThat(download.getHeaders().getFirst("Content-Disposition")).startsWith("attachment;")
                .contains("page.html");
        assertThat(download.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void answers_an_unknown_media_id_with_metas_error() {
        assertThatThrownBy(() -> client.resolveMedia("404404"))
                .isInstanceOfSatisfying(GraphApiException.class, thrown -> {
                    assertThat(thrown.error().code()).isEqualTo(100);
                    assertThat(thrown.error().subcode()).isEqualTo(33);
                });
    }

    @Test
    void lists_built_in_approved_templates_and_keeps_submitted_ones_pending() throws Exception {
        var submission = client.submitTemplate(new TemplateDraft("ticket_resolved", "UTILITY", "en",
                json.readTree("[{\"type\":\"BODY\",\"text\":\"Ticket {{1}} is resolved.\"}]")));

        List<TemplateSummary> templates = client.listTemplates();

        assertThat(submission.status()).isEqualTo("PENDING");
        assertThat(templates).extracting(TemplateSummary::name, TemplateSummary::language, TemplateSummary::status)
                .contains(
                        tuple("hello_world", "en_US", "APPROVED"),
                        tuple("order_update", "en", "APPROVED"),
                        tuple("ticket_resolved", "en", "PENDING"));
        assertThat(templates).filteredOn(template -> template.name().equals("ticket_resolved"))
                .extracting(TemplateSummary::id).containsExactly(submission.id());
    }

    @Test
    void records_every_request_it_received_without_the_token() {
        client.send(PHONE_NUMBER_ID, "254700000001", new TextContent("Recorded", false), null, null);

        List<JsonNode> requests = recordedRequests();
        assertThat(requests).anySatisfy(request -> {
            assertThat(request.path("method").asText()).isEqualTo("POST");
            assertThat(request.path("path").asText()).isEqualTo("/sandbox/graph/v21.0/" + PHONE_NUMBER_ID + "/messages");
            assertThat(request.path("body").path("text").path("body").asText()).isEqualTo("Recorded");
        });
        assertThat(requests.toString()).doesNotContain("Bearer");
    }

    private List<JsonNode> recordedRequests() {
        JsonNode answer = RestClient.create().get()
                .uri("http://localhost:" + port + "/sandbox/graph/requests")
                .retrieve()
                .body(JsonNode.class);
        List<JsonNode> requests = new ArrayList<>();
        answer.forEach(requests::add);
        return requests;
    }

    private List<LoggedRequest> awaitWebhooksAbout(String wamid, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<LoggedRequest> found = List.of();
        while (found.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = service.findAll(postRequestedFor(urlEqualTo(WEBHOOK))).stream()
                    .filter(request -> request.getBodyAsString().contains(wamid))
                    .toList();
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(expected);
        return found;
    }

    private JsonNode status(LoggedRequest webhook) {
        try {
            return json.readTree(webhook.getBody()).path("entry").path(0).path("changes").path(0).path("value")
                    .path("statuses").path(0);
        } catch (IOException malformed) {
            throw new AssertionError(malformed);
        }
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
