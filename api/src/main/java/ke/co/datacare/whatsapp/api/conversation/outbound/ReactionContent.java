package ke.co.datacare.whatsapp.api.conversation.outbound;

/**
 * A reaction to an earlier message; an empty emoji removes the reaction.
 */
public record ReactionContent(String targetWamid, String emoji) implements OutboundContent {
}
