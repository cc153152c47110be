package ke.co.datacare.whatsapp.chatbot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Faq;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Holiday;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Intent;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Menu;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.MenuOption;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningHours;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningWindow;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Replies;
import org.junit.jupiter.api.Test;

class ChatbotConfigValidationTest {

    private static final ChatbotConfig DEFAULTS = ChatbotConfigLoader.defaults();

    @Test
    void accepts_the_default_configuration() {
        assertThat(DEFAULTS.validate()).isEmpty();
    }

    @Test
    void rejects_an_intent_without_keywords() {
        ChatbotConfig config = withIntents(append(DEFAULTS.intents(),
                new Intent("refund", List.of(), "We will refund you.", true, false, null)));

        assertThat(config.validate()).contains(new FieldError("intents[6].keywords", "must not be empty"));
    }

    @Test
    void accepts_an_intent_that_offers_a_flow_and_names_each_field_of_a_flow_meta_would_refuse() {
        ChatbotConfig good = withIntents(append(DEFAULTS.intents(), new Intent("book_visit", List.of("technician"),
                "Let us book a visit.", false, false, null,
                new ChatbotConfig.FlowOffer("1197715005513101", "Book a visit", "BOOKING", "Choose a time"))));
        ChatbotConfig bad = withIntents(append(DEFAULTS.intents(), new Intent("book_visit", List.of("technician"),
                "Let us book a visit.", false, false, null,
                new ChatbotConfig.FlowOffer("flow-1", "Book a visit for my router", null, "Choose a time"))));

        assertThat(good.validate()).isEmpty();
        assertThat(bad.validate()).extracting(FieldError::field)
                .contains("intents[6].flow.flowId", "intents[6].flow.cta", "intents[6].flow.screen");
    }

    @Test
    void rejects_a_keyword_without_letters_or_digits() {
        ChatbotConfig config = withFaqs(append(DEFAULTS.faqs(),
                new Faq("smile", List.of(), List.of(":-)"), "Hi!", false)));

        assertThat(fields(config)).containsExactly("faqs[4].keywords[0]");
    }

    @Test
    void rejects_duplicate_faq_ids_and_intent_names() {
        ChatbotConfig config = new ChatbotConfig(
                append(DEFAULTS.faqs(), DEFAULTS.faqs().get(0)),
                append(DEFAULTS.intents(), DEFAULTS.intents().get(0)),
                DEFAULTS.menu(), DEFAULTS.replies(), 2, DEFAULTS.businessHours());

        assertThat(fields(config)).containsExactly("faqs[4].id", "intents[6].name");
    }

    @Test
    void rejects_a_closing_time_before_the_opening_time() {
        Map<DayOfWeek, List<OpeningWindow>> week = new HashMap<>(DEFAULTS.businessHours().weekly());
        week.put(DayOfWeek.SUNDAY, List.of(new OpeningWindow(LocalTime.of(14, 0), LocalTime.of(10, 0))));

        assertThat(withHours(new OpeningHours("Africa/Nairobi", week, List.of())).validate())
                .containsExactly(new FieldError("businessHours.weekly.SUNDAY[0].close", "must be after open (14:00)"));
    }

    @Test
    void rejects_overlapping_opening_windows() {
        Map<DayOfWeek, List<OpeningWindow>> week = Map.of(DayOfWeek.MONDAY, List.of(
                new OpeningWindow(LocalTime.of(8, 0), LocalTime.of(13, 0)),
                new OpeningWindow(LocalTime.of(12, 0), LocalTime.of(18, 0))));

        assertThat(fields(withHours(new OpeningHours("Africa/Nairobi", week, List.of()))))
                .containsExactly("businessHours.weekly.MONDAY");
    }

    @Test
    void rejects_an_unknown_time_zone() {
        OpeningHours hours = DEFAULTS.businessHours();

        assertThat(withHours(new OpeningHours("Africa/Atlantis", hours.weekly(), hours.holidays())).validate())
                .containsExactly(new FieldError("businessHours.zone", "unknown time zone 'Africa/Atlantis'"));
    }

    @Test
    void rejects_a_holiday_listed_twice() {
        OpeningHours hours = DEFAULTS.businessHours();
        List<Holiday> holidays = append(hours.holidays(), hours.holidays().get(0));

        assertThat(fields(withHours(new OpeningHours(hours.zone(), hours.weekly(), holidays))))
                .containsExactly("businessHours.holidays[10].date");
    }

    @Test
    void rejects_menu_options_pointing_at_unknown_targets() {
        Menu menu = new Menu(Menu.Type.BUTTONS, "Pick one", null, List.of(
                new MenuOption("a", "Hours", null, "opening_times", null),
                new MenuOption("b", "Refund", null, null, "refund"),
                new MenuOption("c", "Both", null, "help", "greeting")));

        assertThat(withMenu(menu).validate()).containsExactly(
                new FieldError("menu.options[0].faq", "unknown FAQ id 'opening_times'"),
                new FieldError("menu.options[1].intent", "unknown intent 'refund'"),
                new FieldError("menu.options[2]", "must point at exactly one of faq or intent"));
    }

    @Test
    void keeps_menus_within_whatsapp_limits() {
        MenuOption tooLong = new MenuOption("x", "Talk to one of our agents", null, null, "talk_to_human");
        List<MenuOption> four = List.of(option("a"), option("b"), option("c"), tooLong);

        assertThat(fields(withMenu(new Menu(Menu.Type.BUTTONS, "Pick one", null, four))))
                .containsExactly("menu.options", "menu.options[3].title");
    }

    @Test
    void rejects_duplicate_menu_option_ids() {
        Menu menu = new Menu(Menu.Type.LIST, "Pick one", "Options", List.of(option("a"), option("a")));

        assertThat(fields(withMenu(menu))).containsExactly("menu.options[1].id");
    }

    @Test
    void requires_every_reply_text_and_a_positive_patience() {
        ChatbotConfig config = new ChatbotConfig(DEFAULTS.faqs(), DEFAULTS.intents(), DEFAULTS.menu(),
                new Replies("Sorry?", " ", null, "Karibu"), 0, DEFAULTS.businessHours());

        assertThat(fields(config)).containsExactly("replies.handoff", "replies.outOfOffice", "maxNotUnderstood");
    }

    @Test
    void requires_talk_to_human_to_hand_off() {
        List<Intent> intents = new ArrayList<>(DEFAULTS.intents());
        Intent human = intents.get(0);
        intents.set(0, new Intent(human.name(), human.keywords(), human.reply(), false, false, null));

        assertThat(fields(withIntents(intents))).containsExactly("intents[0].needsHuman");
    }

    private static MenuOption option(String id) {
        return new MenuOption(id, "Hours", null, "opening_hours", null);
    }

    private static List<String> fields(ChatbotConfig config) {
        return config.validate().stream().map(FieldError::field).toList();
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    private static ChatbotConfig withFaqs(List<Faq> faqs) {
        return new ChatbotConfig(faqs, DEFAULTS.intents(), DEFAULTS.menu(), DEFAULTS.replies(), 2,
                DEFAULTS.businessHours());
    }

    private static ChatbotConfig withIntents(List<Intent> intents) {
        return new ChatbotConfig(DEFAULTS.faqs(), intents, DEFAULTS.menu(), DEFAULTS.replies(), 2,
                DEFAULTS.businessHours());
    }

    private static ChatbotConfig withMenu(Menu menu) {
        return new ChatbotConfig(DEFAULTS.faqs(), DEFAULTS.intents(), menu, DEFAULTS.replies(), 2,
                DEFAULTS.businessHours());
    }

    private static ChatbotConfig withHours(OpeningHours hours) {
        return new ChatbotConfig(DEFAULTS.faqs(), DEFAULTS.intents(), DEFAULTS.menu(), DEFAULTS.replies(), 2, hours);
    }
}
