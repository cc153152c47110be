package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.Duration;
import java.util.Optional;
import ke.co.datacare.whatsapp.api.conversation.CustomerServiceWindow;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Handoff;
import ke.co.datacare.whatsapp.chatbot.engine.ChatbotConfig.LateDeliveries;

/**
 * A message older than the configured staleness is not answered as if live: what it asked may be settled, and the
 * conversation has moved on in time. Outside the 24-hour window (counted from the message to now) no free text may go
 * out at all, so the conversation goes to people who must send a template; inside it the customer gets the short
 * apology and people take over. Either way the conversation leaves the bot, so the rest of a backlog from the same
 * customer gets no reply of its own.
 */
final class LateDelivery {

    private final Duration staleAfter;
    private final String apology;

    LateDelivery(LateDeliveries config) {
        this.staleAfter = Duration.ofMinutes(config.staleAfterMinutes());
        this.apology = config.apology();
    }

    boolean isLate(Arrival arrival) {
        return arrival.delay().compareTo(staleAfter) > 0;
    }

    static boolean windowClosed(Arrival arrival) {
        return !CustomerServiceWindow.isOpen(arrival.sentAt(), arrival.now());
    }

    Handoff templateNeeded(ConversationContext context) {
        return new Handoff(HandoffReason.WINDOW_CLOSED_TEMPLATE_NEEDED, Optional.empty(), context);
    }

    Handoff apologise(ConversationContext context) {
        Optional<String> text = apology == null || apology.isBlank() ? Optional.empty() : Optional.of(apology);
        return new Handoff(HandoffReason.ARRIVED_LATE, text,
                text.isPresent() ? context.withPendingQuestion(null).afterBotReply() : context);
    }
}
