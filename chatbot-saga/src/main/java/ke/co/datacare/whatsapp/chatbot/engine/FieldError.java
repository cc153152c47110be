package ke.co.datacare.whatsapp.chatbot.engine;

/** One problem in a {@link ChatbotConfig}; {@code field} is a path such as {@code intents[2].keywords}. */
public record FieldError(String field, String message) {
}
