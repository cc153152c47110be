package ke.co.datacare.whatsapp.command.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The built-in development secret is only for the sandbox: with a real access token the service
 * refuses to start until {@code WHATSAPP_WEBHOOK_SECRET} is Meta's App Secret.
 */
@Component
class WebhookSecretGuard implements InitializingBean {

    static final String DEVELOPMENT_SECRET = "sandbox-app-secret";
    private static final Logger log = LoggerFactory.getLogger(WebhookSecretGuard.class);

    private final WebhookProperties properties;
    private final String accessToken;

    WebhookSecretGuard(WebhookProperties properties, @Value("${datacare.whatsapp.access-token:}") String accessToken) {
        this.properties = properties;
        this.accessToken = accessToken;
    }

    @Override
    public void afterPropertiesSet() {
        boolean developmentSecret = properties.appSecret().isBlank() || DEVELOPMENT_SECRET.equals(properties.appSecret());
        if (developmentSecret && !accessToken.isBlank()) {
            throw new IllegalStateException("WHATSAPP_WEBHOOK_SECRET must be set to Meta's App Secret when WHATSAPP_ACCESS_TOKEN is set");
        }
        if (properties.appSecret().isBlank()) {
            throw new IllegalStateException("datacare.webhook.app-secret must not be blank");
        }
        if (developmentSecret) {
            log.warn("Webhooks are verified with the development secret '{}' (sandbox mode); set WHATSAPP_WEBHOOK_SECRET for Meta",
                    DEVELOPMENT_SECRET);
        }
    }
}
