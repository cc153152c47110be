package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import ke.co.datacare.whatsapp.chatbot.engine.BotDecision.Handoff;

/** The out-of-office text goes out at most once per conversation and business-zone date. */
final class OutOfOfficeReply {

    static final String NEXT_OPENING = "{nextOpening}";
    private static final DateTimeFormatter OPENING_FORMAT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final BusinessHours businessHours;
    private final String template;

    OutOfOfficeReply(BusinessHours businessHours, String template) {
        this.businessHours = businessHours;
        this.template = template;
    }

    Handoff handoff(ConversationContext context, Instant now) {
        LocalDate today = businessHours.dateAt(now);
        if (today.equals(context.outOfOfficeRepliedOn())) {
            return new Handoff(HandoffReason.OUTSIDE_BUSINESS_HOURS, Optional.empty(), context);
        }
        return new Handoff(HandoffReason.OUTSIDE_BUSINESS_HOURS, Optional.of(text(now)),
                context.withOutOfOfficeRepliedOn(today).afterBotReply());
    }

    private String text(Instant now) {
        String opening = businessHours.nextOpening(now)
                .map(instant -> OPENING_FORMAT.format(instant.atZone(businessHours.zone())))
                .orElse("");
        return template.replace(NEXT_OPENING, opening);
    }
}
