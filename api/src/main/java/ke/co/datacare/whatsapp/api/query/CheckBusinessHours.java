package ke.co.datacare.whatsapp.api.query;

import java.time.Instant;
import java.util.List;

/** Which of these instants fall inside the business hours configured now (answered by the chatbot module). */
public record CheckBusinessHours(List<Instant> instants) {
}
