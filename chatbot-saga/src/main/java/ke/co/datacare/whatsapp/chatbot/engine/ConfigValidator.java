package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContentValidator;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Faq;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Holiday;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Intent;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Menu;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.MenuOption;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningHours;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.OpeningWindow;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Replies;

/** WhatsApp's limits: at most 3 reply buttons of 20 characters, at most 10 list rows of 24. */
final class ConfigValidator {

    private static final int MAX_BUTTONS = 3;
    private static final int MAX_BUTTON_TITLE = 20;
    private static final int MAX_LIST_ROWS = 10;
    private static final int MAX_ROW_TITLE = 24;
    private static final int MAX_ROW_DESCRIPTION = 72;
    private static final int MAX_TEXT = 4096;
    private static final int MAX_STALE_AFTER_MINUTES = 24 * 60;

    private final ChatbotConfig config;
    private static final OutboundContentValidator OUTBOUND = new OutboundContentValidator();

    private final List<FieldError> errors = new ArrayList<>();

    ConfigValidator(ChatbotConfig config) {
        this.config = config;
    }

    List<FieldError> errors() {
        checkFaqs();
        checkIntents();
        checkReplies(config.replies());
        checkMenu(config.menu());
        if (config.maxNotUnderstood() < 1) {
            error("maxNotUnderstood", "must be at least 1");
        }
        checkOpeningHours(config.businessHours());
        checkLateDeliveries(config.lateDeliveries());
        return List.copyOf(errors);
    }

    private void checkFaqs() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.faqs().size(); i++) {
            Faq faq = config.faqs().get(i);
            String path = "faqs[" + i + "]";
            if (required(path + ".id", faq.id()) && !ids.add(faq.id())) {
                error(path + ".id", "duplicate FAQ id '" + faq.id() + "'");
            }
            if (faq.phrases().isEmpty() && faq.keywords().isEmpty()) {
                error(path + ".keywords", "needs at least one phrase or keyword");
            }
            checkWords(path + ".phrases", faq.phrases());
            checkWords(path + ".keywords", faq.keywords());
            text(path + ".answer", faq.answer());
        }
    }

    private void checkIntents() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.intents().size(); i++) {
            Intent intent = config.intents().get(i);
            String path = "intents[" + i + "]";
            if (required(path + ".name", intent.name()) && !names.add(intent.name())) {
                error(path + ".name", "duplicate intent name '" + intent.name() + "'");
            }
            if (intent.keywords().isEmpty()) {
                error(path + ".keywords", "must not be empty");
            }
            checkWords(path + ".keywords", intent.keywords());
            text(path + ".reply", intent.reply());
            if (intent.isRequestForHuman() && !intent.needsHuman()) {
                error(path + ".needsHuman", "must be true for " + Intent.TALK_TO_HUMAN);
            }
            if (intent.flow() != null) {
                OUTBOUND.validate(BotFlows.content(intent.flow(), null))
                        .forEach(violation -> error(path + ".flow." + violation.field(), violation.reason()));
            }
        }
    }

    private void checkWords(String path, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (TextNormalizer.normalize(words.get(i)).isEmpty()) {
                error(path + "[" + i + "]", "must contain a letter or digit");
            }
        }
    }

    private void checkReplies(Replies replies) {
        if (replies == null) {
            error("replies", "is required");
            return;
        }
        text("replies.fallback", replies.fallback());
        text("replies.handoff", replies.handoff());
        text("replies.outOfOffice", replies.outOfOffice());
        text("replies.greeting", replies.greeting());
    }

    private void checkLateDeliveries(ChatbotConfig.LateDeliveries late) {
        if (late.staleAfterMinutes() < 1 || late.staleAfterMinutes() >= MAX_STALE_AFTER_MINUTES) {
            error("lateDeliveries.staleAfterMinutes", "must be from 1 to " + (MAX_STALE_AFTER_MINUTES - 1)
                    + " (a message older than the 24-hour window is late in any case)");
        }
        maxLength("lateDeliveries.apology", late.apology(), MAX_TEXT, false);
    }

    private void checkMenu(Menu menu) {
        if (menu == null) {
            return;
        }
        if (menu.type() == null) {
            error("menu.type", "must be BUTTONS or LIST");
            return;
        }
        text("menu.body", menu.body());
        boolean buttons = menu.type() == Menu.Type.BUTTONS;
        if (!buttons) {
            maxLength("menu.button", menu.button(), MAX_BUTTON_TITLE, true);
        }
        int maxOptions = buttons ? MAX_BUTTONS : MAX_LIST_ROWS;
        if (menu.options().isEmpty() || menu.options().size() > maxOptions) {
            error("menu.options", "must have 1 to " + maxOptions + " entries for " + menu.type());
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < menu.options().size(); i++) {
            checkOption("menu.options[" + i + "]", menu.options().get(i), buttons, ids);
        }
    }

    private void checkOption(String path, MenuOption option, boolean buttons, Set<String> ids) {
        if (required(path + ".id", option.id()) && !ids.add(option.id())) {
            error(path + ".id", "duplicate menu option id '" + option.id() + "'");
        }
        maxLength(path + ".title", option.title(), buttons ? MAX_BUTTON_TITLE : MAX_ROW_TITLE, true);
        maxLength(path + ".description", option.description(), MAX_ROW_DESCRIPTION, false);
        if (buttons && option.description() != null) {
            error(path + ".description", "reply buttons have no description");
        }
        boolean hasFaq = option.faq() != null;
        boolean hasIntent = option.intent() != null;
        if (hasFaq == hasIntent) {
            error(path, "must point at exactly one of faq or intent");
        } else if (hasFaq && config.faqs().stream().noneMatch(faq -> option.faq().equals(faq.id()))) {
            error(path + ".faq", "unknown FAQ id '" + option.faq() + "'");
        } else if (hasIntent && config.intents().stream().noneMatch(intent -> option.intent().equals(intent.name()))) {
            error(path + ".intent", "unknown intent '" + option.intent() + "'");
        }
    }

    private void checkOpeningHours(OpeningHours hours) {
        if (hours == null) {
            error("businessHours", "is required");
            return;
        }
        try {
            ZoneId.of(hours.zone());
        } catch (DateTimeException e) {
            error("businessHours.zone", "unknown time zone '" + hours.zone() + "'");
        }
        if (hours.weekly().values().stream().allMatch(List::isEmpty)) {
            error("businessHours.weekly", "must open on at least one day");
        }
        hours.weekly().forEach((day, windows) -> checkDay("businessHours.weekly." + day, windows));
        Set<Object> dates = new HashSet<>();
        for (int i = 0; i < hours.holidays().size(); i++) {
            Holiday holiday = hours.holidays().get(i);
            String path = "businessHours.holidays[" + i + "]";
            if (holiday.date() == null) {
                error(path + ".date", "is required");
            } else if (!dates.add(holiday.date())) {
                error(path + ".date", "duplicate holiday " + holiday.date());
            }
        }
    }

    private void checkDay(String path, List<OpeningWindow> windows) {
        for (int i = 0; i < windows.size(); i++) {
            OpeningWindow window = windows.get(i);
            if (window.open() == null || window.close() == null) {
                error(path + "[" + i + "]", "needs open and close");
            } else if (!window.close().isAfter(window.open())) {
                error(path + "[" + i + "].close", "must be after open (" + window.open() + ")");
            }
        }
        List<OpeningWindow> sorted = windows.stream()
                .filter(window -> window.open() != null && window.close() != null)
                .sorted(Comparator.comparing(OpeningWindow::open))
                .toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).open().isBefore(sorted.get(i - 1).close())) {
                error(path, "opening windows overlap");
            }
        }
    }

    private boolean required(String path, String value) {
        if (value == null || value.isBlank()) {
            error(path, "is required");
            return false;
        }
        return true;
    }

    private void text(String path, String value) {
        maxLength(path, value, MAX_TEXT, true);
    }

    private void maxLength(String path, String value, int max, boolean required) {
        if (required && !required(path, value)) {
            return;
        }
        if (value != null && value.length() > max) {
            error(path, "must be at most " + max + " characters");
        }
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
