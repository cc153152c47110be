package ke.co.datacare.whatsapp.chatbot.handoff;

import java.time.Duration;
import java.time.Instant;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.BusinessHours;

/**
 * By when a person should answer: {@code sla} after the moment, or after the next opening when the moment
 * falls outside the business hours in force (so a conversation queued at night is due in the morning).
 */
public class ReplyDeadlinePolicy {

    private final Duration sla;
    private final ChatbotConfigHolder chatbot;

    public ReplyDeadlinePolicy(Duration sla, ChatbotConfigHolder chatbot) {
        this.sla = sla;
        this.chatbot = chatbot;
    }

    public Instant dueAt(Instant from) {
        BusinessHours hours = new BusinessHours(chatbot.current().businessHours());
        return hours.nextOpening(from).orElse(from).plus(sla);
    }
}
