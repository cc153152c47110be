package ke.co.datacare.whatsapp.command.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookParserLenienceTest {

    private final WebhookParser parser = new WebhookParser(new ObjectMapper());

    private List<WebhookItem> parse(String value) throws Exception {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"220000000000002\",\"changes\":"
                + "[{\"field\":\"messages\",\"value\":" + value + "}]}]}";
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void a_system_message_about_a_marketing_stop_also_records_the_opt_out() throws Exception {
        List<WebhookItem> items = parse("{\"metadata\":{\"phone_number_id\":\"110000000000001\"},\"messages\":[{"
                + "\"from\":\"254712345678\",\"id\":\"wamid.SYS\",\"timestamp\":\"1764057600\",\"type\":\"system\","
                + "\"system\":{\"type\":\"user_preference_changed\",\"marketing\":\"stop\"}}]}");

        assertThat(items).hasSize(2);
        assertThat(items.get(1)).isInstanceOfSatisfying(WebhookItem.MarketingPreference.class, preference -> {
            assertThat(preference.optedOut()).isTrue();
            assertThat(preference.sender().waId()).isEqualTo("254712345678");
        });
    }

    @Test
    void a_status_value_this_service_does_not_know_is_kept_as_raw_json() throws Exception {
        List<WebhookItem> items = parse("{\"metadata\":{\"phone_number_id\":\"110000000000001\"},\"statuses\":[{"
                + "\"id\":\"wamid.X\",\"status\":\"deleted\",\"timestamp\":\"1764057600\",\"recipient_id\":\"254712345678\"}]}");

        assertThat(items).singleElement().isInstanceOfSatisfying(WebhookItem.AccountUpdate.class, update -> {
            assertThat(update.field()).isEqualTo("statuses");
            assertThat(update.rawJson()).contains("\"status\":\"deleted\"");
        });
    }

    private static String message(String timestamp, String type, String object) {
        return "{\"metadata\":{\"phone_number_id\":\"110000000000001\"},\"contacts\":[{\"profile\":{\"name\":\"Wanjiku\"},"
                + "\"wa_id\":\"254712345678\"}],\"messages\":[{\"from\":\"254712345678\",\"id\":\"wamid.L\",\"timestamp\":"
                + timestamp + ",\"type\":\"" + type + "\",\"" + type + "\":" + object + "}]}";
    }

    @Test
    void a_timestamp_no_calendar_can_hold_falls_back_to_when_the_webhook_was_received() throws Exception {
        for (String timestamp : List.of("-99999999999999999", "1e300", "99999999999999999999", "1.5")) {
            assertThat(parse(message(timestamp, "text", "{\"body\":\"Sasa\"}"))).singleElement()
                    .isInstanceOfSatisfying(WebhookItem.Inbound.class, inbound ->
                            assertThat(inbound.sentAt()).as(timestamp).isEqualTo(Instant.EPOCH));
        }
    }

    @Test
    void nul_characters_are_dropped_from_texts_and_names_are_kept_to_a_displayable_length() throws Exception {
        String longName = "N".repeat(300);
        WebhookItem.Inbound inbound = (WebhookItem.Inbound) parse(message("\"1764057600\"", "text",
                "{\"body\":\"Habari\\u0000 yako\"}").replace("Wanjiku", longName)).get(0);

        assertThat(((ke.co.datacare.whatsapp.api.conversation.InboundMessage.Text) inbound.message()).body())
                .isEqualTo("Habari yako");
        assertThat(inbound.sender().profileName()).hasSize(256);
    }

    @Test
    void an_order_price_that_is_not_a_number_is_left_out_instead_of_failing_the_whole_body() throws Exception {
        WebhookItem.Inbound inbound = (WebhookItem.Inbound) parse(message("\"1764057600\"", "order",
                "{\"catalog_id\":\"c1\",\"product_items\":[{\"product_retailer_id\":\"router\",\"quantity\":1,"
                        + "\"item_price\":\"KES 1,500\",\"currency\":\"KES\"},{\"product_retailer_id\":\"cable\","
                        + "\"quantity\":2,\"item_price\":450.5,\"currency\":\"KES\"}]}")).get(0);

        var order = (ke.co.datacare.whatsapp.api.conversation.InboundMessage.Order) inbound.message();
        assertThat(order.items()).extracting(item -> item.itemPrice())
                .containsExactly(null, new java.math.BigDecimal("450.5"));
    }

    @Test
    void a_template_update_without_its_event_is_recorded_as_unknown() throws Exception {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"220000000000002\",\"changes\":"
                + "[{\"field\":\"message_template_status_update\",\"value\":{\"message_template_id\":5010000000000001,"
                + "\"message_template_name\":\"hello_world\",\"message_template_language\":\"en_US\"}}]}]}";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH)).singleElement()
                .isInstanceOfSatisfying(WebhookItem.TemplateStatus.class, update ->
                        assertThat(update.status()).isEqualTo("UNKNOWN"));
    }

    @Test
    void an_unknown_type_with_an_endless_name_is_kept_with_a_shortened_type() throws Exception {
        String type = "x".repeat(300);
        WebhookItem.Inbound inbound = (WebhookItem.Inbound) parse(message("\"1764057600\"", type, "{}")).get(0);

        var unknown = (ke.co.datacare.whatsapp.api.conversation.InboundMessage.Unknown) inbound.message();
        assertThat(unknown.type()).hasSize(32);
        assertThat(unknown.rawJson()).contains(type);
    }

    @Test
    void media_ids_and_file_names_longer_than_meta_ever_sends_are_cut_to_what_the_timeline_holds() throws Exception {
        WebhookItem.Inbound inbound = (WebhookItem.Inbound) parse(message("\"1764057600\"", "document",
                "{\"id\":\"" + "9".repeat(500) + "\",\"mime_type\":\"application/pdf\",\"filename\":\""
                        + "f".repeat(2_000) + ".pdf\"}")).get(0);

        var media = (ke.co.datacare.whatsapp.api.conversation.InboundMessage.Media) inbound.message();
        assertThat(media.mediaId()).hasSize(128);
        assertThat(media.filename()).hasSize(512);
        assertThat(media.mimeType()).isEqualTo("application/pdf");
    }
}
