package ke.co.datacare.whatsapp.api.conversation.outbound;

public record ReplyButton(String id, String title) {
}
