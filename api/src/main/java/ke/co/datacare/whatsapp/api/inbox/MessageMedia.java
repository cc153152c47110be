package ke.co.datacare.whatsapp.api.inbox;

/** A media file a stored message carries, with the type and name the message gave it (either may be null). */
public record MessageMedia(String mediaId, String mimeType, String filename) {
}
