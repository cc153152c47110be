package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Answer;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Handoff;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.LateDeliveries;
import org.junit.jupiter.api.Test;

/**
 * The window and business-hours decisions for messages that reach us late: taken at the time the message is
 * processed, never at the time the customer wrote it.
 */
class LateDeliveryTest {

    private static final ChatbotConfig DEFAULTS = ChatbotConfigLoader.defaults();
    private static final ChatbotEngine ENGINE = new ChatbotEngine(DEFAULTS);
    /** Sunday 10:50 in Nairobi: the team is off. */
    private static final Instant SUNDAY_MORNING = Nairobi.at("2026-01-11T10:50");
    /** Monday 10:00 in Nairobi: the team is in. */
    private static final Instant MONDAY_MORNING = Nairobi.MONDAY_MORNING;

    @Test
    void a_message_written_in_open_hours_25_hours_ago_gets_no_free_text_and_goes_to_people_as_template_needed() {
        Instant saturdayOpen = Nairobi.at("2026-01-10T09:50");

        BotDecision decision = decide("Habari", saturdayOpen, SUNDAY_MORNING);

        assertThat(decision).isInstanceOfSatisfying(Handoff.class, handoff -> {
            assertThat(handoff.reason()).isEqualTo(HandoffReason.WINDOW_CLOSED_TEMPLATE_NEEDED);
            assertThat(handoff.textToCustomer()).isEmpty();
        });
    }

    @Test
    void the_same_message_answered_live_would_have_been_greeted() {
        Instant saturdayOpen = Nairobi.at("2026-01-10T09:50");

        assertThat(decide("Habari", saturdayOpen, saturdayOpen)).isInstanceOf(Answer.class);
    }

    @Test
    void business_hours_are_judged_at_the_time_the_message_reached_us_not_when_it_was_written() {
        Instant saturdayOpen = Nairobi.at("2026-01-10T12:50");

        Handoff handoff = (Handoff) decide("How do I pay?", saturdayOpen, Nairobi.at("2026-01-10T20:00"));

        assertThat(handoff.reason()).isEqualTo(HandoffReason.OUTSIDE_BUSINESS_HOURS);
        assertThat(handoff.textToCustomer()).hasValueSatisfying(text -> assertThat(text).contains("Mon 12 Jan 08:00"));
    }

    @Test
    void a_message_written_at_night_and_reaching_us_in_open_hours_is_not_told_we_are_closed() {
        Instant sundayNight = Nairobi.at("2026-01-04T22:00");

        Handoff handoff = (Handoff) decide("How do I pay?", sundayNight, MONDAY_MORNING);

        assertThat(handoff.reason()).isEqualTo(HandoffReason.ARRIVED_LATE);
        assertThat(handoff.textToCustomer()).contains(DEFAULTS.lateDeliveries().apology());
    }

    @Test
    void a_message_within_the_staleness_is_answered_as_live() {
        Instant wrote = MONDAY_MORNING.minus(Duration.ofMinutes(DEFAULTS.lateDeliveries().staleAfterMinutes()));

        assertThat(decide("How do I pay?", wrote, MONDAY_MORNING)).isInstanceOf(Answer.class);
    }

    @Test
    void one_minute_past_the_staleness_it_is_late() {
        Instant wrote = MONDAY_MORNING.minus(Duration.ofMinutes(DEFAULTS.lateDeliveries().staleAfterMinutes() + 1));

        assertThat(decide("How do I pay?", wrote, MONDAY_MORNING)).isInstanceOf(Handoff.class);
    }

    @Test
    void the_staleness_and_the_apology_are_configurable() {
        ChatbotEngine patient = new ChatbotEngine(new ChatbotConfig(DEFAULTS.faqs(), DEFAULTS.intents(),
                DEFAULTS.menu(), DEFAULTS.replies(), DEFAULTS.maxNotUnderstood(), DEFAULTS.businessHours(),
                new LateDeliveries(120, "")));
        Instant wrote = MONDAY_MORNING.minus(Duration.ofMinutes(90));

        assertThat(patient.decide(BotInput.text("How do I pay?"), ConversationContext.fresh(),
                new Arrival(wrote, MONDAY_MORNING))).isInstanceOf(Answer.class);
        Handoff later = (Handoff) patient.decide(BotInput.text("How do I pay?"), ConversationContext.fresh(),
                new Arrival(MONDAY_MORNING.minus(Duration.ofHours(3)), MONDAY_MORNING));
        assertThat(later.reason()).isEqualTo(HandoffReason.ARRIVED_LATE);
        assertThat(later.textToCustomer()).isEqualTo(Optional.empty());
    }

    @Test
    void a_late_reaction_still_asks_for_nothing() {
        BotDecision decision = ENGINE.decide(BotInput.nonText(BotInput.NonText.Kind.REACTION),
                ConversationContext.fresh(), new Arrival(MONDAY_MORNING.minus(Duration.ofHours(30)), MONDAY_MORNING));

        assertThat(decision).isInstanceOf(BotDecision.Silent.class);
    }

    @Test
    void a_staleness_beyond_the_window_is_refused_by_the_validation() {
        ChatbotConfig config = new ChatbotConfig(DEFAULTS.faqs(), DEFAULTS.intents(), DEFAULTS.menu(),
                DEFAULTS.replies(), DEFAULTS.maxNotUnderstood(), DEFAULTS.businessHours(), new LateDeliveries(0, null));

        assertThat(config.validate()).extracting(FieldError::field).containsExactly("lateDeliveries.staleAfterMinutes");
    }

    private static BotDecision decide(String text, Instant wrote, Instant now) {
        return ENGINE.decide(BotInput.text(text), ConversationContext.fresh(), new Arrival(wrote, now));
    }
}
