package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.Duration;
import java.time.Instant;
import ke.co.datacare.whatsapp.api.conversation.LateArrival;

/**
 * When the customer wrote a message ({@code sentAt}, Meta's timestamp: the truth for history) and when we process it
 * ({@code now}: the time every decision about what we may do now is taken at). They differ when Meta redelivers after
 * an outage or a queue held the message.
 */
public record Arrival(Instant sentAt, Instant now) {

    /** A message processed the moment it was written. */
    public static Arrival live(Instant now) {
        return new Arrival(now, now);
    }

    /** How long the message took to reach the decision; never negative (the customer's clock may run ahead). */
    public Duration delay() {
        return LateArrival.delay(sentAt, now);
    }
}
