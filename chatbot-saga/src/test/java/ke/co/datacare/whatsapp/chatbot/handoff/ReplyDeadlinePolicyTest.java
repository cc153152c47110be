package ke.co.datacare.whatsapp.chatbot.handoff;

import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.nairobi;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfigLoader;
import org.junit.jupiter.api.Test;

class ReplyDeadlinePolicyTest {

    private final ReplyDeadlinePolicy policy = new ReplyDeadlinePolicy(Duration.ofMinutes(15),
            new ChatbotConfigHolder(ChatbotConfigLoader.defaults()));

    @Test
    void during_business_hours_the_deadline_runs_from_the_moment() {
        assertThat(policy.dueAt(nairobi("2026-11-25T10:00"))).isEqualTo(nairobi("2026-11-25T10:15"));
    }

    @Test
    void at_night_the_deadline_runs_from_the_next_opening() {
        assertThat(policy.dueAt(nairobi("2026-11-25T21:00"))).isEqualTo(nairobi("2026-11-26T08:15"));
    }

    @Test
    void on_saturday_afternoon_the_deadline_runs_from_monday_morning() {
        assertThat(policy.dueAt(nairobi("2026-11-28T14:00"))).isEqualTo(nairobi("2026-11-30T08:15"));
    }
}
