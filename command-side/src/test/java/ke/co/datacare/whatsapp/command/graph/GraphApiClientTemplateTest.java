package ke.co.datacare.whatsapp.command.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.TOKEN;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.WABA_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphApiClientTemplateTest {

    @RegisterExtension
    static WireMockExtension meta = GraphApiTestSupport.meta();

    private static final String TEMPLATES = "/v21.0/" + WABA_ID + "/message_templates";

    private GraphApiClient client;

    @BeforeEach
    void create_client() {
        client = GraphApiTestSupport.client(meta.baseUrl());
    }

    @Test
    void lists_templates_across_two_pages() {
        meta.stubFor(get(urlPathEqualTo(TEMPLATES)).withQueryParam("after", absent())
                .willReturn(okJson("""
                        {"data":[{"name":"hello_world","status":"APPROVED","category":"UTILITY","language":"en_US",
                                  "components":[{"type":"BODY","text":"Hello"}],"id":"594425479261596"}],
                         "paging":{"cursors":{"before":"QVFIUk","after":"QVFIUl"},
                                   "next":"%s%s?fields=name&access_token=%s&limit=1&after=QVFIUl"}}"""
                        .formatted(meta.baseUrl(), TEMPLATES, TOKEN))));
        meta.stubFor(get(urlPathEqualTo(TEMPLATES)).withQueryParam("after", equalTo("QVFIUl"))
                .willReturn(okJson("""
                        {"data":[{"name":"order_update","status":"APPROVED","category":"UTILITY","language":"en",
                                  "components":[],"id":"8000000000000000001"}],
                         "paging":{"cursors":{"before":"QVFIUl","after":"QVFIUm"}}}""")));

        List<TemplateSummary> templates = client.listTemplates();

        assertThat(templates).extracting(TemplateSummary::name).containsExactly("hello_world", "order_update");
        assertThat(templates).extracting(TemplateSummary::id).containsExactly(594425479261596L, 8000000000000000001L);
        assertThat(templates.get(0).components().get(0).get("text").asText()).isEqualTo("Hello");
        meta.verify(getRequestedFor(urlPathEqualTo(TEMPLATES))
                .withQueryParam("fields", equalTo(GraphApiClient.TEMPLATE_FIELDS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        meta.verify(getRequestedFor(urlPathEqualTo(TEMPLATES))
                .withQueryParam("after", equalTo("QVFIUl"))
                .withQueryParam("access_token", absent())
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void refuses_to_follow_a_paging_link_to_another_host() {
        meta.stubFor(get(urlPathEqualTo(TEMPLATES)).willReturn(okJson("""
                {"data":[],"paging":{"next":"https://elsewhere.example/v21.0/x?after=1"}}""")));

        assertThatThrownBy(() -> client.listTemplates()).isInstanceOf(GraphApiException.class);
        assertThat(meta.getAllServeEvents()).hasSize(1);
    }

    @Test
    void submits_a_template_and_reads_its_pending_status() throws Exception {
        meta.stubFor(post(urlEqualTo(TEMPLATES)).willReturn(okJson("""
                {"id":"572279198452421","status":"PENDING","category":"UTILITY"}""")));
        String components = """
                [{"type":"BODY","text":"Your ticket {{1}} is resolved.","example":{"body_text":[["T-981"]]}}]""";

        TemplateSubmission submission = client.submitTemplate(new TemplateDraft("ticket_resolved", "UTILITY", "en",
                new ObjectMapper().readTree(components)));

        assertThat(submission).isEqualTo(new TemplateSubmission(572279198452421L, "PENDING", "UTILITY"));
        meta.verify(postRequestedFor(urlEqualTo(TEMPLATES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"name":"ticket_resolved","category":"UTILITY","language":"en","components":%s}"""
                        .formatted(components))));
    }
}
