package ke.co.datacare.whatsapp.app.integrations;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a delivery: {@code X-DataCare-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the
 * endpoint's secret. Signing the time with the body lets a receiver refuse replays: it checks the HMAC and that
 * {@code t} is recent (five minutes, say).
 */
final class WebhookSigner {

    static final String HEADER = "X-DataCare-Signature";

    private WebhookSigner() {
    }

    static String signature(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
