package ke.co.datacare.whatsapp.command.graph.sandbox;

/**
 * Receives the raw bodies of simulated webhooks, exactly as Meta would post them.
 */
public interface WebhookSink {

    /** Posts the body; true when the webhook acknowledged it (2xx), false when it refused it or did not answer. */
    boolean deliver(byte[] rawBody);
}
