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
}
