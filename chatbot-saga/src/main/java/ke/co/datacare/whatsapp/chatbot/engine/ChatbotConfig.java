package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.conversation.LateArrival;

/**
 * What the bot knows and says. Immutable; check {@link #validate()} before use.
 * Intents are tried in list order, so the first intent with a matching keyword wins.
 */
public record ChatbotConfig(
        List<Faq> faqs,
        List<Intent> intents,
        Menu menu,
        Replies replies,
        int maxNotUnderstood,
        OpeningHours businessHours,
        LateDeliveries lateDeliveries) {

    public static final String DEFAULT_ZONE = "Africa/Nairobi";

    public ChatbotConfig {
        faqs = copy(faqs);
        intents = copy(intents);
        lateDeliveries = lateDeliveries == null ? LateDeliveries.DEFAULT : lateDeliveries;
    }

    /** A configuration that answers late deliveries by the defaults of {@link LateDeliveries}. */
    public ChatbotConfig(List<Faq> faqs, List<Intent> intents, Menu menu, Replies replies, int maxNotUnderstood,
                         OpeningHours businessHours) {
        this(faqs, intents, menu, replies, maxNotUnderstood, businessHours, null);
    }

    public List<FieldError> validate() {
        return new ConfigValidator(this).errors();
    }

    Optional<Menu> menuIfAny() {
        return Optional.ofNullable(menu);
    }

    /** Answered when the whole message is one of {@code phrases}, or contains one of {@code keywords}. */
    public record Faq(String id, List<String> phrases, List<String> keywords, String answer, boolean offerMenu) {
        public Faq {
            phrases = copy(phrases);
            keywords = copy(keywords);
        }
    }

    /**
     * {@code asks} names the question the reply asks, so the customer's next message is read as its answer;
     * {@code flow}, when set, is offered after the reply (a form the customer fills in on WhatsApp).
     */
    public record Intent(String name, List<String> keywords, String reply, boolean needsHuman, boolean offerMenu,
                         String asks, FlowOffer flow) {

        public static final String TALK_TO_HUMAN = "talk_to_human";

        public Intent {
            keywords = copy(keywords);
        }

        public Intent(String name, List<String> keywords, String reply, boolean needsHuman, boolean offerMenu,
                      String asks) {
            this(name, keywords, reply, needsHuman, offerMenu, asks, null);
        }

        boolean isRequestForHuman() {
            return TALK_TO_HUMAN.equals(name);
        }
    }

    public record Menu(Type type, String body, String button, List<MenuOption> options) {

        public enum Type { BUTTONS, LIST }

        public Menu {
            options = copy(options);
        }

        Optional<MenuOption> option(String id) {
            return options.stream().filter(option -> Objects.equals(option.id(), id)).findFirst();
        }
    }

    /**
     * A WhatsApp Flow the bot offers: Meta's Flow {@code id}, the button's text {@code cta} (at most 20 characters, no
     * emoji), the first {@code screen}, and the message's {@code body}.
     */
    public record FlowOffer(String id, String cta, String screen, String body) {
    }

    /** Exactly one of {@code faq} (an FAQ id) and {@code intent} (an intent name) is set. */
    public record MenuOption(String id, String title, String description, String faq, String intent) {
    }

    /** {@code outOfOffice} may contain {@code {nextOpening}}, replaced by the next opening time in the business zone. */
    public record Replies(String fallback, String handoff, String outOfOffice, String greeting) {
    }

    /**
     * Messages that reach us more than {@code staleAfterMinutes} after the customer wrote them (Meta redelivering
     * after an outage, a long queue) are not answered as if live: inside the customer-service window the customer gets
     * {@code apology} (blank: nothing) and the conversation goes to people; outside it, no text at all.
     */
    public record LateDeliveries(int staleAfterMinutes, String apology) {

        public static final int DEFAULT_STALE_AFTER_MINUTES = (int) LateArrival.STALE_AFTER.toMinutes();
        /** For a configuration that says nothing about late deliveries: hand off, no apology. */
        public static final LateDeliveries DEFAULT = new LateDeliveries(DEFAULT_STALE_AFTER_MINUTES, null);
    }

    public record OpeningHours(String zone, Map<DayOfWeek, List<OpeningWindow>> weekly, List<Holiday> holidays) {
        public OpeningHours {
            zone = zone == null ? DEFAULT_ZONE : zone;
            weekly = copyWeek(weekly);
            holidays = copy(holidays);
        }

        List<OpeningWindow> on(DayOfWeek day) {
            return weekly.getOrDefault(day, List.of());
        }
    }

    /** Open from {@code open} (inclusive) to {@code close} (exclusive), local time in the business zone. */
    public record OpeningWindow(LocalTime open, LocalTime close) {
    }

    public record Holiday(LocalDate date, String name) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static Map<DayOfWeek, List<OpeningWindow>> copyWeek(Map<DayOfWeek, List<OpeningWindow>> weekly) {
        Map<DayOfWeek, List<OpeningWindow>> week = new EnumMap<>(DayOfWeek.class);
        if (weekly != null) {
            weekly.forEach((day, windows) -> week.put(day, copy(windows)));
        }
        return Map.copyOf(week);
    }
}
