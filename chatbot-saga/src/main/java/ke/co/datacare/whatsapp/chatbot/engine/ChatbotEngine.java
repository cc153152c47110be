package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.Instant;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Answer;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Handoff;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Silent;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput.InteractiveReply;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput.NonText;
import ke.co.datacare.whatsapp.chatbot.engine.BotInput.Text;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Faq;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.Intent;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.MenuOption;

/**
 * Decides the bot's answer to one inbound message. Deterministic: the time comes from the caller, as the
 * {@link Arrival} of the message: every decision is taken at its processing time ({@code now}), never at the time
 * the customer wrote it. Reactions and text without letters or digits are ignored; a message older than the 24-hour
 * window goes to people without any text ({@link LateDelivery}); outside business hours every message is handed
 * off; another late message gets the apology and goes to people; otherwise menu taps, FAQs and intents are answered,
 * an answer to a pending question goes to a person, and after {@code maxNotUnderstood} messages in a row that it
 * does not understand the bot hands off.
 */
public final class ChatbotEngine {

    public static final String FALLBACK = "fallback";
    public static final String GREETING = "greeting";

    private final ChatbotConfig config;
    private final BusinessHours businessHours;
    private final PhraseMatcher matcher;
    private final OutOfOfficeReply outOfOffice;
    private final LateDelivery late;

    public ChatbotEngine(ChatbotConfig config) {
        this.config = config;
        this.businessHours = new BusinessHours(config.businessHours());
        this.matcher = new PhraseMatcher(config.faqs(), config.intents());
        this.outOfOffice = new OutOfOfficeReply(businessHours, config.replies().outOfOffice());
        this.late = new LateDelivery(config.lateDeliveries());
    }

    public ChatbotConfig config() {
        return config;
    }

    /** Decides on a message processed the moment it was written. */
    public BotDecision decide(BotInput input, ConversationContext context, Instant now) {
        return decide(input, context, Arrival.live(now));
    }

    public BotDecision decide(BotInput input, ConversationContext context, Arrival arrival) {
        if (isNoise(input)) {
            return new Silent(context);
        }
        boolean isLate = late.isLate(arrival);
        if (isLate && LateDelivery.windowClosed(arrival)) {
            return late.templateNeeded(context);
        }
        if (!businessHours.isOpen(arrival.now())) {
            return outOfOffice.handoff(context, arrival.now());
        }
        if (isLate) {
            return late.apologise(context);
        }
        return understand(input)
                .map(reply -> respond(reply, context))
                .orElseGet(() -> notUnderstood(input, context));
    }

    private static boolean isNoise(BotInput input) {
        return input instanceof NonText nonText && nonText.kind() == NonText.Kind.REACTION
                || input instanceof Text text && TextNormalizer.normalize(text.body()).isEmpty();
    }

    private Optional<Reply> understand(BotInput input) {
        if (input instanceof Text text) {
            return matcher.match(text.body());
        }
        if (input instanceof InteractiveReply tap) {
            return config.menuIfAny().flatMap(menu -> menu.option(tap.id())).flatMap(this::target)
                    .or(() -> matcher.match(tap.title()));
        }
        return Optional.empty();
    }

    private Optional<Reply> target(MenuOption option) {
        if (option.faq() != null) {
            return config.faqs().stream().filter(faq -> option.faq().equals(faq.id())).findFirst().map(Reply::of);
        }
        return config.intents().stream().filter(intent -> option.intent().equals(intent.name())).findFirst()
                .map(Reply::of);
    }

    private BotDecision respond(Reply reply, ConversationContext context) {
        ConversationContext next = context.withLastIntent(reply.id())
                .withNotUnderstoodCount(0)
                .withPendingQuestion(reply.asks())
                .afterBotReply();
        if (reply.handoff().isPresent()) {
            return new Handoff(reply.handoff().get(), Optional.of(reply.text()), next);
        }
        return new Answer(reply.text(), reply.offerMenu() ? config.menuIfAny() : Optional.empty(), reply.id(), next,
                reply.flow());
    }

    private BotDecision notUnderstood(BotInput input, ConversationContext context) {
        if (input instanceof Text && context.pendingQuestion() != null) {
            return handoff(HandoffReason.INTENT_NEEDS_HUMAN, context);
        }
        int count = context.notUnderstoodCount() + 1;
        if (count >= config.maxNotUnderstood()) {
            return handoff(HandoffReason.NOT_UNDERSTOOD, context);
        }
        boolean firstTurn = context.botTurns() == 0;
        return new Answer(
                firstTurn ? config.replies().greeting() : config.replies().fallback(),
                config.menuIfAny(),
                firstTurn ? GREETING : FALLBACK,
                context.withNotUnderstoodCount(count).afterBotReply());
    }

    private BotDecision handoff(HandoffReason reason, ConversationContext context) {
        ConversationContext next = context.withNotUnderstoodCount(0).withPendingQuestion(null).afterBotReply();
        return new Handoff(reason, Optional.of(config.replies().handoff()), next);
    }
}
