package ke.co.datacare.whatsapp.command.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Meta's webhook endpoint. POST answers 200 only once the raw body is durably stored in the inbox;
 * nothing else (no command, no call to Meta, Redis or the bot) happens on the request thread.
 */
@RestController
@RequestMapping("/webhook/whatsapp")
@Tag(name = "Webhook", description = "Meta's WhatsApp Cloud API webhook (signed with the App Secret)")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookProperties properties;
    private final WebhookIntake intake;

    WebhookController(WebhookProperties properties, WebhookIntake intake) {
        this.properties = properties;
        this.intake = intake;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Verification handshake: echoes hub.challenge when hub.mode is subscribe and the token matches")
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                                  @RequestParam(name = "hub.verify_token", required = false) String token,
                                  @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if ("subscribe".equals(mode) && token != null && !properties.verifyToken().isEmpty()
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                properties.verifyToken().getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge == null ? "" : challenge);
        }
        log.warn("Webhook verification refused (mode={})", mode == null ? null
                : mode.substring(0, Math.min(32, mode.length())).replaceAll("[^\\p{Alnum}_-]", "?"));
        throw new DomainException(ErrorCode.VERIFICATION_FAILED, "hub.mode must be 'subscribe' and hub.verify_token must match");
    }

    @PostMapping(consumes = MediaType.ALL_VALUE)
    @Operation(summary = "Receive a webhook: verified, stored durably, then turned into commands")
    ResponseEntity<Map<String, String>> receive(
            HttpServletRequest request,
            @Parameter(description = "sha256=<hex HMAC-SHA256 of the raw body, keyed with the App Secret>")
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signatureHeader)
            throws IOException, InterruptedException {
        if (request.getAttribute(WebhookFastPath.REFUSAL) instanceof DomainException refused) {
            throw refused;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = intake.readBounded(request.getContentLengthLong(), in);
        }
        intake.accept(body, signatureHeader, MDC.get("correlationId"));
        return ResponseEntity.ok(Map.of("status", "received"));
    }
}
