package ke.co.datacare.whatsapp.chatbot.handoff;

import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.CONTACT;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.CONVERSATION;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.NUMBER;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.WEDNESDAY_10;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.WEDNESDAY_21;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.faqAnswer;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.intentReply;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.nairobi;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.started;
import static ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.conversation.ConversationAssigned;
import ke.co.datacare.whatsapp.api.conversation.ConversationHandedBackToBot;
import ke.co.datacare.whatsapp.api.conversation.ConversationReopened;
import ke.co.datacare.whatsapp.api.conversation.ConversationResolved;
import ke.co.datacare.whatsapp.api.conversation.ConversationSnoozed;
import ke.co.datacare.whatsapp.api.conversation.ConversationUnsnoozed;
import ke.co.datacare.whatsapp.api.conversation.HandoffRequested;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.ReactionAdded;
import ke.co.datacare.whatsapp.api.conversation.RequestHandoff;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.api.conversation.outbound.InteractiveListContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListRow;
import ke.co.datacare.whatsapp.api.conversation.outbound.ListSection;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.context.ConversationContextStore;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfigLoader;
import ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.MapContextStore;
import ke.co.datacare.whatsapp.chatbot.handoff.HandoffTestSupport.UnreachableContextStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatbotTest {

    private static final String WANJIRU = "agent-wanjiru";

    private ChatbotFixture fixture;
    private ChatbotConfigHolder chatbot;
    private ChatbotConfig defaults;
    private MapContextStore contexts;

    @BeforeEach
    void setUp() {
        defaults = ChatbotConfigLoader.defaults();
        chatbot = new ChatbotConfigHolder(defaults);
        contexts = new MapContextStore();
        fixture = fixtureWith(contexts);
    }

    private ChatbotFixture fixtureWith(ConversationContextStore store) {
        return new ChatbotFixture(chatbot, store);
    }

    private static SendMessage botSends(String messageId, OutboundContent content, Instant at) {
        return new SendMessage(CONVERSATION, messageId, content, null, "bot", false, false, at);
    }

    private static SendMessage botSays(String wamid, String text, Instant at) {
        return botSends("bot-" + wamid, new TextContent(text, false), at);
    }

    // --- the bot answers -----------------------------------------------------------------------------------

    @Test
    void the_bot_answers_a_question_it_knows_at_the_time_of_the_message() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10))
                .when(text("wamid.1", WEDNESDAY_10, "What are your opening hours?"))
                .expectCommands(botSays("wamid.1", faqAnswer(defaults, "opening_hours"), WEDNESDAY_10));
    }

    @Test
    void a_greeting_gets_the_greeting_and_the_menu_as_two_messages() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10))
                .when(text("wamid.1", WEDNESDAY_10, "Habari"))
                .expectCommands(botSays("wamid.1", intentReply(defaults, "greeting"), WEDNESDAY_10),
                        botSends("bot-wamid.1-menu", new InteractiveListContent(null, defaults.menu().body(), null,
                                defaults.menu().button(), List.of(new ListSection(null, defaults.menu().options().stream()
                                        .map(option -> new ListRow(option.id(), option.title(), option.description()))
                                        .toList()))), WEDNESDAY_10));
    }

    @Test
    void a_conversation_from_before_the_bot_existed_is_answered_with_its_next_message() throws Exception {
        fixture.at(WEDNESDAY_10)
                .when(text("wamid.1", WEDNESDAY_10, "How do I pay?"))
                .expectCommands(botSays("wamid.1", faqAnswer(defaults, "payment_methods"), WEDNESDAY_10));
        assertThat(fixture.memoryOf(CONVERSATION)).hasValueSatisfying(memory -> assertThat(memory.withBot()).isTrue());
    }

    @Test
    void a_redelivered_message_is_not_answered_twice() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "How do I pay?"))
                .when(text("wamid.1", WEDNESDAY_10, "How do I pay?"))
                .expectNoCommands();
    }

    @Test
    void reactions_get_no_answer() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10))
                .when(new ReactionAdded(CONVERSATION, "wamid.2", WEDNESDAY_10, "wamid.bot", "\uD83D\uDC4D"))
                .expectNoCommands();
    }

    @Test
    void a_configuration_change_applies_from_the_next_message() throws Exception {
        ChatbotConfig.Faq wifi = new ChatbotConfig.Faq("wifi", List.of("wifi password"), List.of(),
                "The password is on the sticker under your router.", false);
        List<ChatbotConfig.Faq> faqs = new ArrayList<>(defaults.faqs());
        faqs.add(wifi);
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10));
        chatbot.replace(new ChatbotConfig(faqs, defaults.intents(), defaults.menu(), defaults.replies(),
                defaults.maxNotUnderstood(), defaults.businessHours()));
        fixture.when(text("wamid.1", WEDNESDAY_10, "wifi password"))
                .expectCommands(botSays("wamid.1", wifi.answer(), WEDNESDAY_10));
    }

    @Test
    void a_bot_reply_refused_by_the_window_is_ignored() throws Exception {
        fixture.onCommands((payload, metaData) -> {
            if (payload instanceof SendMessage) {
                throw Refusal.refuse(ErrorCode.WINDOW_CLOSED, "The 24-hour customer-service window closed");
            }
            return null;
        });
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10))
                .when(text("wamid.1", WEDNESDAY_10, "My router is not working"))
                .expectCommands(botSays("wamid.1", intentReply(defaults, "complaint"), WEDNESDAY_10),
                        new RequestHandoff(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10));
    }

    // --- handoff on each trigger ---------------------------------------------------------------------------

    @Test
    void hands_off_when_the_intent_needs_a_human_after_telling_the_customer() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10))
                .when(text("wamid.1", WEDNESDAY_10, "My router is not working"))
                .expectCommands(botSays("wamid.1", intentReply(defaults, "complaint"), WEDNESDAY_10),
                        new RequestHandoff(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10));
    }

    @Test
    void hands_off_when_the_customer_asks_for_a_person() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10))
                .when(text("wamid.1", WEDNESDAY_10, "I want to talk to a human"))
                .expectCommands(botSays("wamid.1", intentReply(defaults, "talk_to_human"), WEDNESDAY_10),
                        new RequestHandoff(CONVERSATION, "CUSTOMER_ASKED_FOR_HUMAN", WEDNESDAY_10));
    }

    @Test
    void hands_off_after_not_understanding_the_configured_number_of_times_in_a_row() throws Exception {
        Instant second = WEDNESDAY_10.plusSeconds(30);
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "xyzzy plugh"))
                .at(second)
                .when(text("wamid.2", second, "qwerty asdf"))
                .expectCommands(botSays("wamid.2", defaults.replies().handoff(), second),
                        new RequestHandoff(CONVERSATION, "NOT_UNDERSTOOD", second));
    }

    @Test
    void with_more_patience_configured_the_bot_keeps_trying() throws Exception {
        chatbot.replace(new ChatbotConfig(defaults.faqs(), defaults.intents(), null, defaults.replies(), 3,
                defaults.businessHours()));
        Instant second = WEDNESDAY_10.plusSeconds(30);
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "xyzzy plugh"))
                .at(second)
                .when(text("wamid.2", second, "qwerty asdf"))
                .expectCommands(botSays("wamid.2", defaults.replies().fallback(), second));
    }

    @Test
    void outside_business_hours_the_customer_hears_when_we_open_and_the_conversation_is_queued() throws Exception {
        fixture.at(WEDNESDAY_21).given(started(WEDNESDAY_21))
                .when(text("wamid.1", WEDNESDAY_21, "Habari"))
                .expectCommands(botSays("wamid.1", defaults.replies().outOfOffice()
                                .replace("{nextOpening}", "Thu 26 Nov 08:00"), WEDNESDAY_21),
                        new RequestHandoff(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", WEDNESDAY_21));
    }

    @Test
    void the_out_of_office_reply_goes_out_once_per_conversation_and_day_even_across_episodes() throws Exception {
        Instant later = WEDNESDAY_21.plus(Duration.ofMinutes(30));
        fixture.at(WEDNESDAY_21).given(started(WEDNESDAY_21),
                        text("wamid.1", WEDNESDAY_21, "Habari"),
                        new HandoffRequested(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", WEDNESDAY_21),
                        new ConversationResolved(CONVERSATION, "agent:" + WANJIRU, later.minusSeconds(60)),
                        new ConversationReopened(CONVERSATION, later))
                .at(later)
                .when(text("wamid.2", later, "Hello?"))
                .expectCommands(new RequestHandoff(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", later));
    }

    @Test
    void the_out_of_office_reply_goes_out_once_a_day_even_when_only_the_context_store_remembers_it() throws Exception {
        Instant later = WEDNESDAY_21.plus(Duration.ofMinutes(30));
        new ChatbotFixture(chatbot, contexts).at(WEDNESDAY_21).given(started(WEDNESDAY_21))
                .when(text("wamid.1", WEDNESDAY_21, "Habari"));
        fixture.at(later)
                .when(text("wamid.2", later, "Hello?"))
                .expectCommands(new RequestHandoff(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", later));
    }

    @Test
    void the_next_night_brings_a_new_out_of_office_reply() throws Exception {
        Instant nextMorning = nairobi("2026-11-26T07:00");
        fixture.at(WEDNESDAY_21).given(started(WEDNESDAY_21),
                        text("wamid.1", WEDNESDAY_21, "Habari"),
                        new HandoffRequested(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", WEDNESDAY_21),
                        new ConversationHandedBackToBot(CONVERSATION, "agent:" + WANJIRU, WEDNESDAY_21.plusSeconds(60)))
                .at(nextMorning)
                .when(text("wamid.2", nextMorning, "Hello?"))
                .expectCommands(botSays("wamid.2", defaults.replies().outOfOffice()
                                .replace("{nextOpening}", "Thu 26 Nov 08:00"), nextMorning),
                        new RequestHandoff(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", nextMorning));
    }

    // --- late deliveries: decided at the time the message reached us ------------------------------------------

    @Test
    void a_message_that_reaches_us_after_the_window_closed_goes_to_people_without_any_text() throws Exception {
        Instant wrote = nairobi("2026-11-24T09:50");
        fixture.at(WEDNESDAY_10)
                .when(text("wamid.1", wrote, "Habari"))
                .expectCommands(new RequestHandoff(CONVERSATION, "WINDOW_CLOSED_TEMPLATE_NEEDED", WEDNESDAY_10));
    }

    @Test
    void a_late_message_inside_the_window_gets_the_apology_sent_now_and_goes_to_people() throws Exception {
        Instant wrote = WEDNESDAY_10.minus(Duration.ofHours(3));
        fixture.at(WEDNESDAY_10)
                .when(text("wamid.1", wrote, "What are your opening hours?"))
                .expectCommands(botSays("wamid.1", defaults.lateDeliveries().apology(), WEDNESDAY_10),
                        new RequestHandoff(CONVERSATION, "ARRIVED_LATE", WEDNESDAY_10));
    }

    @Test
    void the_rest_of_a_late_backlog_from_the_same_customer_gets_no_reply_of_its_own() throws Exception {
        Instant wrote = WEDNESDAY_10.minus(Duration.ofHours(3));
        fixture.at(WEDNESDAY_10).given(text("wamid.1", wrote, "Habari"))
                .when(text("wamid.2", wrote.plusSeconds(30), "Hello?"))
                .expectNoCommands();
    }

    @Test
    void a_message_written_in_open_hours_but_reaching_us_at_night_gets_the_out_of_office_reply() throws Exception {
        Instant wrote = nairobi("2026-11-25T17:50");
        fixture.at(WEDNESDAY_21)
                .when(text("wamid.1", wrote, "How do I pay?"))
                .expectCommands(botSays("wamid.1", defaults.replies().outOfOffice()
                                .replace("{nextOpening}", "Thu 26 Nov 08:00"), WEDNESDAY_21),
                        new RequestHandoff(CONVERSATION, "OUTSIDE_BUSINESS_HOURS", WEDNESDAY_21));
    }

    // --- a silent bot while people hold the conversation ------------------------------------------------------

    @Test
    void the_bot_stays_silent_while_an_agent_holds_the_conversation() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10))
                .when(text("wamid.2", WEDNESDAY_10.plusSeconds(60), "Hello?"))
                .expectNoCommands();
    }

    @Test
    void the_bot_stays_silent_while_the_conversation_waits_for_an_agent() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10))
                .when(text("wamid.2", WEDNESDAY_10.plusSeconds(60), "What are your opening hours?"))
                .expectNoCommands();
    }

    @Test
    void the_bot_stays_silent_while_an_agent_takes_the_conversation_straight_from_it() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "agent:" + WANJIRU, WEDNESDAY_10),
                        agentReply(WANJIRU, WEDNESDAY_10.plusSeconds(30)))
                .when(text("wamid.2", WEDNESDAY_10.plusSeconds(60), "What are your opening hours?"))
                .expectNoCommands();
    }

    @Test
    void a_snoozed_conversation_of_the_bot_is_answered_again_once_woken() throws Exception {
        Instant until = WEDNESDAY_10.plus(Duration.ofHours(2));
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10),
                        new ConversationSnoozed(CONVERSATION, until, "agent:" + WANJIRU, WEDNESDAY_10));
        fixture.when(text("wamid.1", WEDNESDAY_10.plusSeconds(60), "How do I pay?")).expectNoCommands();
        fixture.at(until).given(new ConversationUnsnoozed(CONVERSATION, "time", until))
                .when(text("wamid.2", until, "How do I pay?"))
                .expectCommands(botSays("wamid.2", faqAnswer(defaults, "payment_methods"), until));
    }

    @Test
    void a_conversation_handed_back_to_the_bot_is_answered_by_the_bot_again() throws Exception {
        Instant later = WEDNESDAY_10.plus(Duration.ofMinutes(20));
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10),
                        new ConversationHandedBackToBot(CONVERSATION, "agent:" + WANJIRU, later))
                .at(later)
                .when(text("wamid.5", later, "Where are you located?"))
                .expectCommands(botSays("wamid.5", faqAnswer(defaults, "location"), later));
    }

    @Test
    void after_resolution_the_next_message_reopens_the_conversation_with_the_bot() throws Exception {
        Instant later = WEDNESDAY_10.plus(Duration.ofHours(1));
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10),
                        new HandoffRequested(CONVERSATION, "INTENT_NEEDS_HUMAN", WEDNESDAY_10),
                        new ConversationAssigned(CONVERSATION, WANJIRU, "handoff", WEDNESDAY_10),
                        new ConversationResolved(CONVERSATION, "agent:" + WANJIRU, WEDNESDAY_10.plusSeconds(600)),
                        new ConversationReopened(CONVERSATION, later))
                .at(later)
                .when(text("wamid.9", later, "How do I pay?"))
                .expectCommands(botSays("wamid.9", faqAnswer(defaults, "payment_methods"), later));
    }

    // --- Redis down ------------------------------------------------------------------------------------------

    @Test
    void with_the_context_store_unreachable_the_bot_still_answers_and_hands_off() throws Exception {
        fixture = fixtureWith(new UnreachableContextStore());
        Instant second = WEDNESDAY_10.plusSeconds(30);
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "What are your opening hours?"))
                .at(second)
                .when(text("wamid.2", second, "My router is not working"))
                .expectCommands(botSays("wamid.2", intentReply(defaults, "complaint"), second),
                        new RequestHandoff(CONVERSATION, "INTENT_NEEDS_HUMAN", second));
    }

    @Test
    void with_the_context_store_unreachable_the_bot_still_counts_what_it_did_not_understand() throws Exception {
        fixture = fixtureWith(new UnreachableContextStore());
        Instant second = WEDNESDAY_10.plusSeconds(30);
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "xyzzy plugh"))
                .at(second)
                .when(text("wamid.2", second, "qwerty asdf"))
                .expectCommands(botSays("wamid.2", defaults.replies().handoff(), second),
                        new RequestHandoff(CONVERSATION, "NOT_UNDERSTOOD", second));
    }

    @Test
    void the_context_is_kept_in_the_store_for_the_next_episode() throws Exception {
        fixture.at(WEDNESDAY_21).given(started(WEDNESDAY_21))
                .when(text("wamid.1", WEDNESDAY_21, "Habari"));
        assertThat(contexts.saved.get(CONVERSATION.value()).outOfOfficeRepliedOn())
                .isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void during_business_hours_a_new_conversation_never_waits_for_the_context_store() throws Exception {
        Instant second = WEDNESDAY_10.plusSeconds(30);
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "xyzzy plugh"))
                .at(second)
                .when(text("wamid.2", second, "What are your opening hours?"))
                .expectCommands(botSays("wamid.2", faqAnswer(defaults, "opening_hours"), second));
        assertThat(contexts.loads).isZero();
        assertThat(contexts.saves).isZero();
    }

    @Test
    void an_erased_contacts_conversations_lose_what_the_bot_remembered_of_them() throws Exception {
        fixture.at(WEDNESDAY_10).given(started(WEDNESDAY_10), text("wamid.1", WEDNESDAY_10, "xyzzy plugh"),
                new ContactErased(CONTACT, List.of(CONVERSATION), "request", "admin", WEDNESDAY_10));
        assertThat(fixture.memoryOf(CONVERSATION)).hasValueSatisfying(memory -> assertThat(memory.context()).isNull());
    }

    private static OutboundMessageQueued agentReply(String agent, Instant at) {
        return new OutboundMessageQueued(CONVERSATION, CONTACT, NUMBER, "m-" + at.getEpochSecond(),
                new TextContent("Pole sana, tunashughulikia", false), null, "agent:" + agent, at);
    }
}
