package ke.co.datacare.whatsapp.api.conversation.outbound;

public record TextContent(String body, boolean previewUrl) implements OutboundContent {
}
