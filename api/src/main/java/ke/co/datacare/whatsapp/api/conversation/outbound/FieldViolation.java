package ke.co.datacare.whatsapp.api.conversation.outbound;

/**
 * @param field a path into the content, e.g. {@code buttons[1].title}
 */
public record FieldViolation(String field, String reason) {
}
