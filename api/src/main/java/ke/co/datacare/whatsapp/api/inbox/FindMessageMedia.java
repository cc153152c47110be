package ke.co.datacare.whatsapp.api.inbox;

/**
 * The media file of a stored message (a customer's or ours), by Meta's media id: answered with an
 * {@code Optional<MessageMedia>}, empty when no message carries that id.
 */
public record FindMessageMedia(String mediaId) {
}
