package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Answer;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Handoff;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Silent;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput.NonText.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChatbotEngineTest {

    private static final ChatbotConfig DEFAULTS = ChatbotConfigLoader.defaults();
    private static final Instant OPEN = Nairobi.MONDAY_MORNING;
    private static final ConversationContext MID_CONVERSATION = ConversationContext.fresh().withBotTurns(1);

    private final ChatbotEngine engine = new ChatbotEngine(DEFAULTS);

    @Test
    void hands_off_after_two_messages_it_does_not_understand() {
        BotDecision first = engine.decide(BotInput.text("blue elephants"), MID_CONVERSATION, OPEN);
        assertThat(first).isInstanceOfSatisfying(Answer.class, answer -> {
            assertThat(answer.text()).isEqualTo(DEFAULTS.replies().fallback());
            assertThat(answer.menu()).isEqualTo(Optional.of(DEFAULTS.menu()));
            assertThat(answer.next().notUnderstoodCount()).isEqualTo(1);
        });

        BotDecision second = engine.decide(BotInput.nonText(Kind.IMAGE), first.next(), OPEN);
        assertThat(second).isInstanceOfSatisfying(Handoff.class, handoff -> {
            assertThat(handoff.reason()).isEqualTo(HandoffReason.NOT_UNDERSTOOD);
            assertThat(handoff.textToCustomer()).contains(DEFAULTS.replies().handoff());
            assertThat(handoff.next().notUnderstoodCount()).isZero();
        });
    }

    @Test
    void an_intent_with_a_flow_answers_with_its_reply_and_offers_the_flow() {
        ChatbotConfig.FlowOffer visit = new ChatbotConfig.FlowOffer("1197715005513101", "Book a visit", "BOOKING",
                "Choose a time for the technician");
        java.util.List<ChatbotConfig.Intent> intents = new java.util.ArrayList<>(DEFAULTS.intents());
        intents.add(0, new ChatbotConfig.Intent("book_visit", java.util.List.of("technician"), "Let us book a visit.",
                false, false, null, visit));
        ChatbotEngine withFlow = new ChatbotEngine(new ChatbotConfig(DEFAULTS.faqs(), intents, DEFAULTS.menu(),
                DEFAULTS.replies(), DEFAULTS.maxNotUnderstood(), DEFAULTS.businessHours()));

        assertThat(withFlow.decide(BotInput.text("I need a technician"), MID_CONVERSATION, OPEN))
                .isInstanceOfSatisfying(Answer.class, answer -> {
                    assertThat(answer.text()).isEqualTo("Let us book a visit.");
                    assertThat(answer.flow()).contains(visit);
                });
    }

    @Test
    void counts_only_consecutive_messages_it_does_not_understand() {
        BotDecision missed = engine.decide(BotInput.text("blue elephants"), MID_CONVERSATION, OPEN);
        BotDecision understood = engine.decide(BotInput.text("hours"), missed.next(), OPEN);
        BotDecision missedAgain = engine.decide(BotInput.text("purple giraffes"), understood.next(), OPEN);

        assertThat(understood.next().notUnderstoodCount()).isZero();
        assertThat(missedAgain).isInstanceOf(Answer.class);
    }

    @Test
    void hands_off_after_the_configured_number_of_misunderstandings() {
        ChatbotEngine patient = new ChatbotEngine(new ChatbotConfig(DEFAULTS.faqs(), DEFAULTS.intents(),
                DEFAULTS.menu(), DEFAULTS.replies(), 3, DEFAULTS.businessHours()));
        ConversationContext ctx = MID_CONVERSATION;
        for (int i = 0; i < 2; i++) {
            BotDecision decision = patient.decide(BotInput.text("blue elephants"), ctx, OPEN);
            assertThat(decision).isInstanceOf(Answer.class);
            ctx = decision.next();
        }
        assertThat(patient.decide(BotInput.text("blue elephants"), ctx, OPEN))
                .isInstanceOfSatisfying(Handoff.class,
                        handoff -> assertThat(handoff.reason()).isEqualTo(HandoffReason.NOT_UNDERSTOOD));
    }

    @Test
    void greets_a_new_customer_with_the_menu_when_the_first_message_is_not_understood() {
        BotDecision decision = engine.decide(BotInput.nonText(Kind.STICKER), ConversationContext.fresh(), OPEN);

        assertThat(decision).isInstanceOfSatisfying(Answer.class, answer -> {
            assertThat(answer.text()).isEqualTo(DEFAULTS.replies().greeting());
            assertThat(answer.menu()).isPresent();
            assertThat(answer.matchedId()).isEqualTo(ChatbotEngine.GREETING);
            assertThat(answer.next().notUnderstoodCount()).isEqualTo(1);
            assertThat(answer.next().botTurns()).isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            menu_hours    | opening_hours
            menu_payment  | payment_methods
            menu_location | location
            menu_order    | order_status
            """)
    void answers_a_menu_tap_by_its_id(String optionId, String expectedId) {
        BotInput tap = BotInput.interactiveReply(optionId, "whatever the title says");

        assertThat(engine.decide(tap, MID_CONVERSATION, OPEN)).isInstanceOfSatisfying(Answer.class,
                answer -> assertThat(answer.matchedId()).isEqualTo(expectedId));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            menu_agent   | CUSTOMER_ASKED_FOR_HUMAN
            menu_problem | INTENT_NEEDS_HUMAN
            menu_buy     | INTENT_NEEDS_HUMAN
            """)
    void hands_off_a_menu_tap_on_an_intent_that_needs_a_person(String optionId, HandoffReason reason) {
        assertThat(engine.decide(BotInput.interactiveReply(optionId, "x"), MID_CONVERSATION, OPEN))
                .isInstanceOfSatisfying(Handoff.class, handoff -> assertThat(handoff.reason()).isEqualTo(reason));
    }

    @Test
    void reads_the_title_of_a_tap_whose_id_is_not_in_the_menu() {
        BotInput tap = BotInput.interactiveReply("campaign_quick_reply_7", "Opening hours");

        assertThat(engine.decide(tap, MID_CONVERSATION, OPEN)).isInstanceOfSatisfying(Answer.class,
                answer -> assertThat(answer.matchedId()).isEqualTo("opening_hours"));
    }

    @Test
    void offers_the_menu_with_greetings_and_help_but_not_with_plain_answers() {
        assertThat(answerTo("Habari")).satisfies(answer -> assertThat(answer.menu()).isPresent());
        assertThat(answerTo("msaada")).satisfies(answer -> assertThat(answer.menu()).isPresent());
        assertThat(answerTo("hours")).satisfies(answer -> assertThat(answer.menu()).isEmpty());
    }

    @Test
    void asks_for_the_order_number_and_hands_the_answer_to_a_person() {
        BotDecision asked = engine.decide(BotInput.text("Oda yangu iko wapi?"), MID_CONVERSATION, OPEN);
        assertThat(asked.next().pendingQuestion()).isEqualTo("order_number");

        BotDecision answered = engine.decide(BotInput.text("DC-48213"), asked.next(), OPEN);

        assertThat(answered).isInstanceOfSatisfying(Handoff.class, handoff -> {
            assertThat(handoff.reason()).isEqualTo(HandoffReason.INTENT_NEEDS_HUMAN);
            assertThat(handoff.next().pendingQuestion()).isNull();
            assertThat(handoff.next().lastIntent()).isEqualTo("order_status");
        });
    }

    @Test
    void answers_a_known_question_even_while_waiting_for_an_order_number() {
        BotDecision asked = engine.decide(BotInput.text("track my order"), MID_CONVERSATION, OPEN);

        assertThat(engine.decide(BotInput.text("asante"), asked.next(), OPEN))
                .isInstanceOfSatisfying(Answer.class, answer -> {
                    assertThat(answer.matchedId()).isEqualTo("thanks");
                    assertThat(answer.next().pendingQuestion()).isNull();
                });
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            '   '
            👍
            🙏🙏
            """)
    void stays_silent_on_text_without_words(String text) {
        assertThat(engine.decide(BotInput.text(text), MID_CONVERSATION, OPEN)).isEqualTo(new Silent(MID_CONVERSATION));
    }

    @Test
    void stays_silent_on_a_reaction_even_out_of_hours() {
        Instant sunday = Nairobi.at("2026-01-04T10:00");

        assertThat(engine.decide(BotInput.nonText(Kind.REACTION), MID_CONVERSATION, sunday))
                .isEqualTo(new Silent(MID_CONVERSATION));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "REACTION", mode = EnumSource.Mode.EXCLUDE)
    void does_not_understand_media_or_locations(Kind kind) {
        assertThat(engine.decide(BotInput.nonText(kind), MID_CONVERSATION, OPEN)).isInstanceOfSatisfying(Answer.class,
                answer -> assertThat(answer.matchedId()).isEqualTo(ChatbotEngine.FALLBACK));
    }

    @Test
    void counts_the_bot_turns_and_remembers_the_last_intent() {
        BotDecision greeted = engine.decide(BotInput.text("Hello"), ConversationContext.fresh(), OPEN);
        BotDecision thanked = engine.decide(BotInput.text("thanks"), greeted.next(), OPEN);

        assertThat(thanked.next().botTurns()).isEqualTo(2);
        assertThat(thanked.next().lastIntent()).isEqualTo("thanks");
    }

    @Test
    void decides_the_same_way_for_the_same_input() {
        BotInput input = BotInput.text("Where is my order?");

        assertThat(engine.decide(input, MID_CONVERSATION, OPEN)).isEqualTo(engine.decide(input, MID_CONVERSATION, OPEN));
    }

    private Answer answerTo(String text) {
        return (Answer) engine.decide(BotInput.text(text), MID_CONVERSATION, OPEN);
    }
}
