package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveButtonsContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.FlowContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveListContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListRow;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListSection;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.MediaKind;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReactionContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ReplyButton;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateParameter;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Locale;

import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.PHONE_NUMBER_ID;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.ACCEPTED;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.MESSAGES;
import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class GraphApiClientSendTest {

    @RegisterExtension
    static WireMockExtension meta = GraphApiTestSupport.meta();

    private static final String TO = "+254712345678";

    private GraphApiClient client;

    @BeforeEach
    void meta_accepts_messages() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(ACCEPTED)));
        client = GraphApiTestSupport.client(meta.baseUrl());
    }

    @Test
    void sends_a_text_with_preview_url_and_reads_the_wamid_of_the_accepted_message() {
        SendResult result = client.send(PHONE_NUMBER_ID, TO, new TextContent("Habari, see https://datacare.co.ke", true), null, null);

        assertThat(result).isEqualTo(new SendResult.Accepted(
                "wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQzFBRjRGNjc5", "254712345678"));
        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"text",
                 "text":{"preview_url":true,"body":"Habari, see https://datacare.co.ke"}}""");
    }

    @Test
    void sends_to_a_customer_known_only_by_a_business_scoped_id_as_recipient_instead_of_to() {
        client.send(PHONE_NUMBER_ID, "KE.13491208655302741918", new TextContent("Karibu tena", false), null, null);

        meta.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson(
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"recipient\":\"KE.13491208655302741918\",\"type\":\"text\","
                        + "\"text\":{\"body\":\"Karibu tena\",\"preview_url\":false}}", true, false)));
        meta.verify(0, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.to")));
    }

    @Test
    void sends_the_bearer_token_with_the_message() {
        client.send(PHONE_NUMBER_ID, TO, new TextContent("Habari", false), null, null);

        meta.verify(postRequestedFor(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void sends_a_template_with_a_media_header_in_metas_format() {
        TemplateContent template = new TemplateContent("order_update", "en", List.of(
                TemplateComponent.header(TemplateParameter.mediaById("image", "4490709327384033")),
                TemplateComponent.body(TemplateParameter.text("Wanjiku"), TemplateParameter.currency("KES 1500.50"),
                        TemplateParameter.dateTime("25 November 2025")),
                TemplateComponent.quickReplyButton(0, "TALK_TO_AGENT"),
                TemplateComponent.urlButton(1, "DC-1042")));

        client.send(PHONE_NUMBER_ID, TO, template, null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"template",
                 "template":{"name":"order_update","language":{"code":"en"},"components":[
                   {"type":"header","parameters":[{"type":"image","image":{"id":"4490709327384033"}}]},
                   {"type":"body","parameters":[
                     {"type":"text","text":"Wanjiku"},
                     {"type":"currency","currency":{"fallback_value":"KES 1500.50","code":"KES","amount_1000":1500500}},
                     {"type":"date_time","date_time":{"fallback_value":"25 November 2025"}}]},
                   {"type":"button","sub_type":"quick_reply","index":"0",
                    "parameters":[{"type":"payload","payload":"TALK_TO_AGENT"}]},
                   {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"DC-1042"}]}]}}""");
    }

    @Test
    void sends_a_template_with_a_document_header_by_link() {
        client.send(PHONE_NUMBER_ID, TO, new TemplateContent("invoice_ready", "en", List.of(
                TemplateComponent.header(TemplateParameter.mediaByLink("document", "https://datacare.co.ke/i.pdf")),
                TemplateComponent.body(TemplateParameter.text("INV-2031")))), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"template",
                 "template":{"name":"invoice_ready","language":{"code":"en"},"components":[
                   {"type":"header","parameters":[
                     {"type":"document","document":{"link":"https://datacare.co.ke/i.pdf"}}]},
                   {"type":"body","parameters":[{"type":"text","text":"INV-2031"}]}]}}""");
    }

    @Test
    void sends_a_template_without_parameters_without_components() {
        client.send(PHONE_NUMBER_ID, TO, new TemplateContent("hello_world", "en_US", List.of()), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"template",
                 "template":{"name":"hello_world","language":{"code":"en_US"}}}""");
    }

    @Test
    void sends_an_image_by_id_with_its_caption() {
        client.send(PHONE_NUMBER_ID, TO, MediaContent.byId(MediaKind.IMAGE, "1479537139650973", "Your router"), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"image",
                 "image":{"id":"1479537139650973","caption":"Your router"}}""");
    }

    @Test
    void sends_a_document_by_link_with_caption_and_filename() {
        client.send(PHONE_NUMBER_ID, TO, new MediaContent(MediaKind.DOCUMENT, null, "https://datacare.co.ke/guide.pdf",
                "Setup guide", "guide.pdf"), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"document",
                 "document":{"link":"https://datacare.co.ke/guide.pdf","caption":"Setup guide","filename":"guide.pdf"}}""");
    }

    @ParameterizedTest(name = "sends {0} under its own type")
    @EnumSource(MediaKind.class)
    void sends_every_media_kind_under_its_own_type(MediaKind kind) {
        client.send(PHONE_NUMBER_ID, TO, MediaContent.byId(kind, "42", null), null, null);

        String type = kind.name().toLowerCase(Locale.ROOT);
        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"%s",
                 "%s":{"id":"42"}}""".formatted(type, type));
    }

    @Test
    void sends_reply_buttons_in_metas_format() {
        client.send(PHONE_NUMBER_ID, TO, new InteractiveButtonsContent("Router check", "Is the light on?", "DataCare support",
                List.of(new ReplyButton("light-on", "Yes"), new ReplyButton("light-off", "No"))), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"interactive",
                 "interactive":{"type":"button","header":{"type":"text","text":"Router check"},
                   "body":{"text":"Is the light on?"},"footer":{"text":"DataCare support"},
                   "action":{"buttons":[
                     {"type":"reply","reply":{"id":"light-on","title":"Yes"}},
                     {"type":"reply","reply":{"id":"light-off","title":"No"}}]}}}""");
    }

    @Test
    void sends_a_list_in_metas_format() {
        client.send(PHONE_NUMBER_ID, TO, new InteractiveListContent(null, "Which plan?", null, "Plans", List.of(
                new ListSection("Home", List.of(new ListRow("home-10", "Home 10 Mbps", "KES 2,999 a month"))),
                new ListSection("Business", List.of(new ListRow("biz-50", "Business 50", null))))), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"interactive",
                 "interactive":{"type":"list","body":{"text":"Which plan?"},
                   "action":{"button":"Plans","sections":[
                     {"title":"Home","rows":[{"id":"home-10","title":"Home 10 Mbps","description":"KES 2,999 a month"}]},
                     {"title":"Business","rows":[{"id":"biz-50","title":"Business 50"}]}]}}}""");
    }

    @Test
    void sends_a_flow_that_opens_its_first_screen_with_our_message_id_as_token() {
        client.send(PHONE_NUMBER_ID, TO, new FlowContent(null, "Choose a time for the technician", null, "1197715005513101",
                "Book a visit", null, FlowContent.NAVIGATE, "BOOKING", Map.of("plan", "Home 10"), false),
                null, "msg-77");

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"interactive",
                 "interactive":{"type":"flow","body":{"text":"Choose a time for the technician"},
                   "action":{"name":"flow","parameters":{"flow_message_version":"3","flow_token":"msg-77",
                     "flow_id":"1197715005513101","flow_cta":"Book a visit","flow_action":"navigate",
                     "flow_action_payload":{"screen":"BOOKING","data":{"plan":"Home 10"}}}}},
                 "biz_opaque_callback_data":"msg-77"}""");
    }

    @Test
    void sends_a_draft_data_exchange_flow_with_the_chosen_token() {
        client.send(PHONE_NUMBER_ID, TO, new FlowContent(null, "Sign up", null, "42", "Sign up", "signup-9",
                FlowContent.DATA_EXCHANGE, null, null, true), null, "msg-78");

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"interactive",
                 "interactive":{"type":"flow","body":{"text":"Sign up"},
                   "action":{"name":"flow","parameters":{"flow_message_version":"3","flow_token":"signup-9",
                     "flow_id":"42","flow_cta":"Sign up","flow_action":"data_exchange","mode":"draft"}}},
                 "biz_opaque_callback_data":"msg-78"}""");
    }

    @Test
    void sends_a_template_with_a_flow_button_in_metas_format() {
        client.send(PHONE_NUMBER_ID, TO, new TemplateContent("book_visit", "en", List.of(
                TemplateComponent.flowButton(0, null, Map.of("plan", "Home 10")))), null, "msg-79");

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"template",
                 "template":{"name":"book_visit","language":{"code":"en"},"components":[
                   {"type":"button","sub_type":"flow","index":"0","parameters":[
                     {"type":"action","action":{"flow_token":"msg-79","flow_action_data":{"plan":"Home 10"}}}]}]},
                 "biz_opaque_callback_data":"msg-79"}""");
    }

    @Test
    void sends_a_reaction_in_metas_format() {
        client.send(PHONE_NUMBER_ID, TO, new ReactionContent("wamid.HBgMMjU0NzEy", "\uD83D\uDC4D"), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"reaction",
                 "reaction":{"message_id":"wamid.HBgMMjU0NzEy","emoji":"\uD83D\uDC4D"}}""");
    }

    @Test
    void removes_a_reaction_with_an_empty_emoji() {
        client.send(PHONE_NUMBER_ID, TO, new ReactionContent("wamid.HBgMMjU0NzEy", null), null, null);

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"reaction",
                 "reaction":{"message_id":"wamid.HBgMMjU0NzEy","emoji":""}}""");
    }

    @Test
    void replies_in_context_and_carries_callback_data() {
        client.send(PHONE_NUMBER_ID, TO, new TextContent("Karibu", false), "wamid.INBOUND1", "conversation=42;message=7");

        assertSent("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+254712345678","type":"text",
                 "text":{"preview_url":false,"body":"Karibu"},
                 "context":{"message_id":"wamid.INBOUND1"},"biz_opaque_callback_data":"conversation=42;message=7"}""");
    }

    @Test
    void marks_a_message_as_read_and_shows_the_typing_indicator() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("{\"success\":true}")));

        client.markAsRead(PHONE_NUMBER_ID, "wamid.INBOUND1", true);
        client.markAsRead(PHONE_NUMBER_ID, "wamid.INBOUND2", false);

        assertSent("""
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.INBOUND1",
                 "typing_indicator":{"type":"text"}}""");
        assertSent("""
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.INBOUND2"}""");
    }

    @Test
    void refuses_invalid_content_without_calling_meta() {
        OutboundContent tooManyButtons = new InteractiveButtonsContent(null, "Pick", null, List.of(
                new ReplyButton("a", "A"), new ReplyButton("b", "B"), new ReplyButton("c", "C"),
                new ReplyButton("d", "D")));

        SendResult result = client.send(PHONE_NUMBER_ID, TO, tooManyButtons, null, null);

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.error().errorClass()).isEqualTo(ErrorClass.PERMANENT);
            assertThat(failed.error().message()).contains("buttons");
        });
        assertThat(meta.getAllServeEvents()).isEmpty();
    }

    @Test
    void does_not_retry_a_success_answer_it_cannot_read() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("{\"messaging_product\":\"whatsapp\"}")));

        SendResult result = client.send(PHONE_NUMBER_ID, TO, new TextContent("Habari", false), null, null);

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.error().errorClass().retryable()).isFalse());
    }

    private static void assertSent(String json) {
        meta.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson(json)));
    }
}
