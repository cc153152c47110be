package ke.co.datacare.whatsapp.api.conversation.outbound;

public record ListRow(String id, String title, String description) {
}
