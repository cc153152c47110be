package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Answer;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Handoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaqAndIntentMatchingTest {

    private static final ChatbotEngine ENGINE = new ChatbotEngine(ChatbotConfigLoader.defaults());

    private static BotDecision decide(String text) {
        return ENGINE.decide(BotInput.text(text), ConversationContext.fresh(), Nairobi.MONDAY_MORNING);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hours                                  | opening_hours
            What are your opening hours?           | opening_hours
            Are you open on Saturday?              | opening_hours
            Saa za kazi                            | opening_hours
            Mnafungua saa ngapi?                   | opening_hours
            Mko wazi leo?                          | opening_hours
            Where are you located?                 | location
            Mko wapi?                              | location
            How can I pay?                         | payment_methods
            M-Pesa                                 | payment_methods
            mpesa                                  | payment_methods
            Naweza kulipa na Lipa na M-Pesa?       | payment_methods
            Help                                   | help
            Msaada                                 | help
            Where is my order?                     | order_status
            Oda yangu haijafika                    | order_status
            Nataka kufuatilia agizo langu          | order_status
            Thank you!                             | thanks
            Asante sana                            | thanks
            ASANTÉ                                 | thanks
            Good morning                           | greeting
            Habari yako                            | greeting
            Mambo                                  | greeting
            """)
    void answers_faqs_and_intents_in_english_and_swahili(String text, String expectedId) {
        assertThat(decide(text)).isInstanceOfSatisfying(Answer.class,
                answer -> assertThat(answer.matchedId()).isEqualTo(expectedId));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            My router is not working                 | INTENT_NEEDS_HUMAN       | complaint
            Nina tatizo, simu haifanyi kazi           | INTENT_NEEDS_HUMAN       | complaint
            Nataka kutoa malalamiko                   | INTENT_NEEDS_HUMAN       | complaint
            Habari, nina shida na oda yangu           | INTENT_NEEDS_HUMAN       | complaint
            How much is the 5G router?                | INTENT_NEEDS_HUMAN       | sales_inquiry
            Bei ya laptop ni ngapi?                   | INTENT_NEEDS_HUMAN       | sales_inquiry
            Nataka kununua modem                      | INTENT_NEEDS_HUMAN       | sales_inquiry
            I want to speak to an agent               | CUSTOMER_ASKED_FOR_HUMAN | talk_to_human
            Nataka kuongea na mtu                     | CUSTOMER_ASKED_FOR_HUMAN | talk_to_human
            Naomba wakala                             | CUSTOMER_ASKED_FOR_HUMAN | talk_to_human
            """)
    void hands_off_intents_that_need_a_person_in_english_and_swahili(
            String text, HandoffReason reason, String intent) {
        assertThat(decide(text)).isInstanceOfSatisfying(Handoff.class, handoff -> {
            assertThat(handoff.reason()).isEqualTo(reason);
            assertThat(handoff.textToCustomer()).isPresent();
            assertThat(handoff.next().lastIntent()).isEqualTo(intent);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            This is it
            Shipping orderly
            Mtumiaji mpya
            Which payment is due?
            """)
    void matches_keywords_only_as_whole_words(String text) {
        ConversationContext midConversation = ConversationContext.fresh().withBotTurns(1);
        assertThat(ENGINE.decide(BotInput.text(text), midConversation, Nairobi.MONDAY_MORNING))
                .isInstanceOfSatisfying(Answer.class,
                        answer -> assertThat(answer.matchedId()).isEqualTo(ChatbotEngine.FALLBACK));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hours
            HOURS
            Hours?
            ' hours! '
            """)
    void answers_an_exact_faq_phrase_whatever_the_case_and_punctuation(String text) {
        assertThat(decide(text)).isInstanceOfSatisfying(Answer.class,
                answer -> assertThat(answer.matchedId()).isEqualTo("opening_hours"));
    }

    @Test
    void answers_the_opening_hours_faq_in_swahili() {
        assertThat(decide("Jumamosi mnafungua saa ngapi?")).isInstanceOfSatisfying(Answer.class, answer -> {
            assertThat(answer.matchedId()).isEqualTo("opening_hours");
            assertThat(answer.text()).contains("Jumatatu hadi Ijumaa");
        });
    }
}
