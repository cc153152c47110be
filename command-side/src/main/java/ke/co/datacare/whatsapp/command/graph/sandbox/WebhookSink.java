package ke.co.datacare.whatsapp.command.graph.sandbox;

/**
 * Receives the raw bodies of simulated webhooks, exactly as Meta would post them.
 */
public interface WebhookSink {

    void deliver(byte[] rawBody);
}
