package ke.co.datacare.whatsapp.api.inbox;

/** Every message of one conversation, in order. */
public record FindTimeline(String conversationId) {
}
