package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Handoff;
import org.junit.jupiter.api.Test;

class OutOfOfficeReplyTest {

    private final ChatbotEngine engine = new ChatbotEngine(ChatbotConfigLoader.defaults());

    @Test
    void sends_the_out_of_office_reply_once_per_business_day() {
        Handoff first = outOfHours("Habari", ConversationContext.fresh(), "2026-01-09T19:30");
        Handoff sameEvening = outOfHours("Hello?", first.next(), "2026-01-09T22:10");
        Handoff nextDay = outOfHours("Mko wapi?", sameEvening.next(), "2026-01-10T07:00");

        assertThat(first.reason()).isEqualTo(HandoffReason.OUTSIDE_BUSINESS_HOURS);
        assertThat(first.textToCustomer()).hasValueSatisfying(text -> assertThat(text).contains("Sat 10 Jan 09:00"));
        assertThat(first.next().outOfOfficeRepliedOn()).isEqualTo(LocalDate.of(2026, 1, 9));
        assertThat(sameEvening.reason()).isEqualTo(HandoffReason.OUTSIDE_BUSINESS_HOURS);
        assertThat(sameEvening.textToCustomer()).isEmpty();
        assertThat(sameEvening.next()).isEqualTo(first.next());
        assertThat(nextDay.textToCustomer()).isPresent();
        assertThat(nextDay.next().outOfOfficeRepliedOn()).isEqualTo(LocalDate.of(2026, 1, 10));
    }

    @Test
    void dates_the_out_of_office_reply_in_nairobi_not_in_utc() {
        Handoff beforeMidnightUtc = outOfHours("Hello", ConversationContext.fresh(), "2026-01-10T01:30");

        assertThat(beforeMidnightUtc.next().outOfOfficeRepliedOn()).isEqualTo(LocalDate.of(2026, 1, 10));
    }

    @Test
    void hands_off_out_of_hours_even_when_it_knows_the_answer() {
        Handoff handoff = outOfHours("hours", ConversationContext.fresh(), "2026-01-11T12:00");

        assertThat(handoff.textToCustomer()).hasValueSatisfying(text -> assertThat(text).contains("Mon 12 Jan 08:00"));
    }

    @Test
    void names_the_day_after_a_holiday_as_the_next_opening() {
        Handoff handoff = outOfHours("Habari", ConversationContext.fresh(), "2026-04-04T14:00");

        assertThat(handoff.textToCustomer()).hasValueSatisfying(text -> assertThat(text).contains("Tue 7 Apr 08:00"));
    }

    private Handoff outOfHours(String text, ConversationContext ctx, String nairobiTime) {
        return (Handoff) engine.decide(BotInput.text(text), ctx, Nairobi.at(nairobiTime));
    }
}
