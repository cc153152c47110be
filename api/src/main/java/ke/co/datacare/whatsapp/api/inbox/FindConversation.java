package ke.co.datacare.whatsapp.api.inbox;

/** One conversation of the inbox, as an {@link InboxItem}. */
public record FindConversation(String conversationId) {
}
