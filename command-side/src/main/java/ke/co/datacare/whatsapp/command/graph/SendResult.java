package ke.co.datacare.whatsapp.command.graph;

/**
 * The synchronous outcome of a send. {@link Accepted} means Meta took the message, not that it was delivered:
 * delivery comes later in status webhooks.
 */
public sealed interface SendResult {

    record Accepted(String wamid, String waId) implements SendResult {
    }

    record Failed(GraphError error) implements SendResult {
    }
}
