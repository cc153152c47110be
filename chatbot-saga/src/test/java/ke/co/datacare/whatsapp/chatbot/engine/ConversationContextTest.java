package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ConversationContextTest {

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Test
    void survives_a_json_round_trip() throws Exception {
        ConversationContext ctx = ConversationContext.fresh()
                .withLastIntent("order_status")
                .withNotUnderstoodCount(1)
                .withBotTurns(3)
                .withPendingQuestion("order_number")
                .withOutOfOfficeRepliedOn(LocalDate.of(2026, 1, 9));

        String written = json.writeValueAsString(ctx);

        assertThat(written).contains("\"outOfOfficeRepliedOn\":\"2026-01-09\"");
        assertThat(json.readValue(written, ConversationContext.class)).isEqualTo(ctx);
    }

    @Test
    void reads_context_written_with_fields_it_no_longer_knows() throws Exception {
        String stored = "{\"lastIntent\":\"greeting\",\"botTurns\":1,\"assignedToAgent\":true}";

        assertThat(json.readValue(stored, ConversationContext.class))
                .isEqualTo(ConversationContext.fresh().withLastIntent("greeting").withBotTurns(1));
    }
}
