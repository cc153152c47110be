package ke.co.datacare.whatsapp.command.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The webhook bodies under {@code src/test/resources/webhooks}, as the raw bytes Meta would post. */
final class WebhookFixtures {

    private WebhookFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no webhook fixture named " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
