package ke.co.datacare.whatsapp.command.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Acknowledging a webhook: size limit, HMAC over the raw bytes, envelope check, then the durable append.
 * Returns only once the body is committed; every refusal is a {@link DomainException} with its code.
 */
class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);
    private static final int CHUNK = 8192;

    private final WebhookProperties properties;
    private final WebhookSignature signature;
    private final WebhookParser parser;
    private final WebhookInbox inbox;

    WebhookIntake(WebhookProperties properties, WebhookSignature signature, WebhookParser parser, WebhookInbox inbox) {
        this.properties = properties;
        this.signature = signature;
        this.parser = parser;
        this.inbox = inbox;
    }

    long maxBodySize() {
        return properties.maxBodySize().toBytes();
    }

    /**
     * Reads the body within the size limit (an oversized body is recognised without reading it all) and the read
     * timeout: a client that sends its body slower than that, a few bytes at a time, is refused once the time is up
     * (each single read waits at most the server's connection timeout), so it holds a read slot no longer.
     */
    byte[] readBounded(long declaredLength, InputStream in) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        long deadline = System.nanoTime() + properties.readTimeout().toNanos();
        // grown as bytes arrive, not sized by what the client declares
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(CHUNK, Math.min(declaredLength, 65_536)));
        byte[] chunk = new byte[CHUNK];
        for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
            body.write(chunk, 0, read);
            if (body.size() > limit) {
                throw tooLarge(limit);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DomainException(ErrorCode.REQUEST_TIMEOUT, "The webhook body did not arrive within "
                        + properties.readTimeout().toMillis() + " ms");
            }
        }
        return body.toByteArray();
    }

    void accept(byte[] body, String signatureHeader, String correlationId) throws InterruptedException {
        if (!signature.matches(body, signatureHeader)) {
            log.warn("Webhook refused: {} signature over {} bytes", signatureHeader == null ? "missing" : "wrong", body.length);
            throw new DomainException(ErrorCode.INVALID_SIGNATURE,
                    "X-Hub-Signature-256 must be the HMAC-SHA256 of the raw body keyed with the App Secret");
        }
        try {
            parser.checkEnvelope(body);
        } catch (NotAWebhookException e) {
            throw new DomainException(ErrorCode.NOT_A_WEBHOOK, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new DomainException(ErrorCode.MALFORMED_JSON, "The body is not valid JSON");
        } catch (IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_JSON, "The body could not be read as JSON");
        }
        try {
            inbox.append(body, correlationId, parts(body)).get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new DomainException(ErrorCode.STORE_UNAVAILABLE, "The webhook could not be stored; Meta will redeliver it");
        }
    }

    /**
     * One part per customer the body carries, so each goes with its conversation's partition. A body the parser
     * cannot read (it passed the envelope check) is stored whole: the dispatcher parks it with its error, as before.
     */
    private List<WebhookInbox.Part> parts(byte[] body) {
        List<String> keys;
        try {
            keys = CustomerKey.distinct(parser.parse(body, Instant.EPOCH));
        } catch (IOException | RuntimeException e) {
            return List.of(WebhookInbox.Part.whole());
        }
        List<WebhookInbox.Part> parts = new ArrayList<>(keys.size());
        for (String key : keys) {
            parts.add(new WebhookInbox.Part(CustomerKey.partition(key, properties.partitions()), key, false));
        }
        return parts;
    }

    private static DomainException tooLarge(long limit) {
        return new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "Webhook bodies are limited to " + limit + " bytes");
    }
}
