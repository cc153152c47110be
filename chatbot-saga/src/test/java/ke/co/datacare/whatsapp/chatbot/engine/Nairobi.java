package ke.co.datacare.whatsapp.chatbot.engine;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

final class Nairobi {

    static final ZoneId ZONE = ZoneId.of("Africa/Nairobi");
    static final Instant MONDAY_MORNING = at("2026-01-05T10:00");

    private Nairobi() {
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }
}
