package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Holiday;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Intent;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningWindow;
import org.junit.jupiter.api.Test;

class ChatbotConfigLoaderTest {

    private static final ChatbotConfig DEFAULTS = ChatbotConfigLoader.defaults();

    @Test
    void loads_the_defaults_with_nairobi_hours_and_kenyan_holidays() {
        assertThat(DEFAULTS.maxNotUnderstood()).isEqualTo(2);
        assertThat(DEFAULTS.businessHours().zone()).isEqualTo("Africa/Nairobi");
        assertThat(DEFAULTS.businessHours().weekly().get(DayOfWeek.MONDAY))
                .containsExactly(new OpeningWindow(LocalTime.of(8, 0), LocalTime.of(18, 0)));
        assertThat(DEFAULTS.businessHours().weekly().get(DayOfWeek.SATURDAY))
                .containsExactly(new OpeningWindow(LocalTime.of(9, 0), LocalTime.of(13, 0)));
        assertThat(DEFAULTS.businessHours().weekly()).doesNotContainKey(DayOfWeek.SUNDAY);
        assertThat(DEFAULTS.businessHours().holidays()).extracting(Holiday::date).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6),
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 10),
                LocalDate.of(2026, 10, 20), LocalDate.of(2026, 12, 12), LocalDate.of(2026, 12, 25),
                LocalDate.of(2026, 12, 26));
    }

    @Test
    void loads_the_default_intents_in_matching_order() {
        assertThat(DEFAULTS.intents()).extracting(Intent::name).containsExactly(
                "talk_to_human", "complaint", "order_status", "sales_inquiry", "thanks", "greeting");
    }

    @Test
    void refuses_a_configuration_that_does_not_validate() {
        String yaml = """
                maxNotUnderstood: 2
                replies: {fallback: a, handoff: b, outOfOffice: c, greeting: d}
                intents:
                  - {name: greeting, keywords: [], reply: Hi}
                businessHours:
                  zone: Africa/Nairobi
                  weekly:
                    MONDAY: [{open: "18:00", close: "08:00"}]
                """;

        assertThatThrownBy(() -> ChatbotConfigLoader.fromYaml(yaml))
                .isInstanceOfSatisfying(InvalidChatbotConfigException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("intents[0].keywords", "businessHours.weekly.MONDAY[0].close"));
    }

    @Test
    void reads_a_configuration_sent_as_json_the_way_it_writes_it() throws Exception {
        ObjectMapper json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();

        String written = json.writeValueAsString(DEFAULTS);

        assertThat(written).contains("\"MONDAY\":[{\"open\":\"08:00:00\",\"close\":\"18:00:00\"}]");
        assertThat(json.readValue(written, ChatbotConfig.class)).isEqualTo(DEFAULTS);
    }
}
