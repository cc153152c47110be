package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import ke.co.datacare.whatsapp.command.graph.Attachment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.time.Clock;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Answers like Meta's Graph API for the calls the service makes, so that everything runs without a Meta account.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping("/sandbox/graph")
class SandboxGraphApiController {

    private final ObjectMapper json = new ObjectMapper();
    private final SandboxRequestLog requestLog;
    private final SandboxMediaStore media;
    private final SandboxTemplates templates;
    private final SandboxStatusSimulator simulator;
    private final SandboxCustomerWindows windows;
    private final SandboxLatency latency;
    private final SandboxNumbers numbers;
    private final Clock clock = Clock.systemUTC();

    SandboxGraphApiController(SandboxRequestLog requestLog, SandboxMediaStore media, SandboxTemplates templates,
                              SandboxStatusSimulator simulator, SandboxCustomerWindows windows, SandboxLatency latency,
                              SandboxNumbers numbers) {
        this.numbers = numbers;
        this.requestLog = requestLog;
        this.media = media;
        this.templates = templates;
        this.simulator = simulator;
        this.windows = windows;
        this.latency = latency;
    }

    @PostMapping(path = "/{version}/{phoneNumberId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<JsonNode>> messages(@PathVariable String phoneNumberId, @RequestBody byte[] rawBody,
                                                         HttpServletRequest request) throws IOException {
        JsonNode body = json.readTree(rawBody);
        requestLog.record("POST", request.getRequestURI(), body);
        if (!numbers.knows(phoneNumberId)) {
            return latency.answer(SandboxErrors.unknownNumber(phoneNumberId));
        }
        if (!body.path("messaging_product").asText().equals("whatsapp")) {
            return latency.answer(SandboxErrors.invalidParameter("messaging_product must be whatsapp"));
        }
        if (body.path("status").asText().equals("read")) {
            return latency.answer(markAsRead(body));
        }
        return latency.answer(send(phoneNumberId, body));
    }

    @PostMapping(path = "/{version}/{phoneNumberId}/media", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> upload(@PathVariable String phoneNumberId,
                                    @RequestParam("messaging_product") String messagingProduct,
                                    @RequestParam("type") String type, @RequestParam("file") MultipartFile file,
                                    HttpServletRequest request) throws IOException {
        ObjectNode summary = json.createObjectNode().put("messaging_product", messagingProduct).put("type", type);
        summary.putObject("file").put("filename", file.getOriginalFilename()).put("size", file.getSize());
        requestLog.record("POST", request.getRequestURI(), summary);
        if (!numbers.knows(phoneNumberId)) {
            return SandboxErrors.unknownNumber(phoneNumberId);
        }
        if (!messagingProduct.equals("whatsapp")) {
            return SandboxErrors.invalidParameter("messaging_product must be whatsapp");
        }
        return media.store(file.getBytes(), type, file.getOriginalFilename())
                .map(stored -> ResponseEntity.ok((JsonNode) json.createObjectNode().put("id", stored.id())))
                .orElseGet(() -> SandboxErrors.invalidParameter("the file is larger than the sandbox keeps"));
    }

    @GetMapping(path = "/{version}/{mediaId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> media(@PathVariable String mediaId, HttpServletRequest request) {
        requestLog.record("GET", request.getRequestURI(), null);
        return media.find(mediaId)
                .<ResponseEntity<JsonNode>>map(stored -> ResponseEntity.ok(json.createObjectNode()
                        .put("messaging_product", "whatsapp")
                        .put("url", downloadUrl(stored.id()))
                        .put("mime_type", stored.mimeType())
                        .put("sha256", sha256(stored.bytes()))
                        .put("file_size", stored.bytes().length)
                        .put("id", stored.id())))
                .orElseGet(() -> SandboxErrors.unknownObject(mediaId));
    }

    /** As a download, never shown in the browser: an uploaded HTML file must not run on this origin. */
    @GetMapping("/downloads/{mediaId}")
    ResponseEntity<byte[]> download(@PathVariable String mediaId, HttpServletRequest request) {
        requestLog.record("GET", request.getRequestURI(), null);
        return media.find(mediaId)
                .map(stored -> ResponseEntity.ok()
                        .headers(Attachment.headers(stored.filename()))
                        .contentType(Attachment.contentType(stored.mimeType()))
                        .body(stored.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping(path = "/{version}/{wabaId}/message_templates", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode listTemplates(HttpServletRequest request) {
        requestLog.record("GET", request.getRequestURI() + "?" + request.getQueryString(), null);
        ObjectNode answer = json.createObjectNode();
        answer.set("data", templates.list());
        answer.putObject("paging").putObject("cursors").put("before", "QVFIUmFr").put("after", "QVFIUmFs");
        return answer;
    }

    @PostMapping(path = "/{version}/{wabaId}/message_templates", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> submitTemplate(@RequestBody byte[] rawBody, HttpServletRequest request)
            throws IOException {
        JsonNode draft = json.readTree(rawBody);
        requestLog.record("POST", request.getRequestURI(), draft);
        if (draft.path("name").asText().isBlank() || draft.path("language").asText().isBlank()) {
            return SandboxErrors.invalidParameter("name and language are required");
        }
        ObjectNode template = templates.submit(draft);
        return ResponseEntity.ok(json.createObjectNode()
                .put("id", template.path("id").asText())
                .put("status", template.path("status").asText())
                .put("category", template.path("category").asText()));
    }

    @GetMapping(path = "/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SandboxRequestLog.RecordedRequest> requests() {
        return requestLog.list();
    }

    private ResponseEntity<JsonNode> markAsRead(JsonNode body) {
        if (body.path("message_id").asText().isBlank()) {
            return SandboxErrors.invalidParameter("message_id is required");
        }
        return ResponseEntity.ok(json.createObjectNode().put("success", true));
    }

    private ResponseEntity<JsonNode> send(String phoneNumberId, JsonNode body) {
        // a phone number goes in "to", a business-scoped user id in "recipient"; "to" wins when both are there
        String to = body.path("to").asText().isBlank() ? body.path("recipient").asText() : body.path("to").asText();
        String type = body.path("type").asText();
        if (to.isBlank() || type.isBlank() || !body.path(type).isObject()) {
            return SandboxErrors.invalidParameter("to (or recipient), type and the object named by type are required");
        }
        boolean toPhoneNumber = !body.path("to").asText().isBlank();
        String pricingCategory = "service";
        if (type.equals("template")) {
            String name = body.path("template").path("name").asText();
            String language = body.path("template").path("language").path("code").asText();
            var template = templates.find(name, language).filter(t -> !t.path("status").asText().equals("PENDING")
                    && !t.path("status").asText().equals("REJECTED"));
            if (template.isEmpty()) {
                return SandboxErrors.templateMissing(name, language);
            }
            var refusal = MetaError.ofTemplateStatus(template.get().path("status").asText());
            if (refusal.isPresent()) {
                return SandboxErrors.of(refusal.get());
            }
            pricingCategory = template.get().path("category").asText().toLowerCase(Locale.ROOT);
            if (!toPhoneNumber && pricingCategory.equals("authentication")) {
                return SandboxErrors.of(MetaError.BSUID_NOT_SUPPORTED);
            }
        }
        String recipient = toPhoneNumber ? to.replaceAll("\\D", "") : to;
        String wamid = AcceptedMessage.newWamid();
        AcceptedMessage accepted = new AcceptedMessage(phoneNumberId, wamid, recipient,
                body.path("biz_opaque_callback_data").asText(null), pricingCategory);
        if (!type.equals("template") && !windows.isOpen(phoneNumberId, recipient, clock.instant())) {
            simulator.failed(accepted, MetaError.REENGAGEMENT);
        } else {
            simulator.accepted(accepted);
        }
        ObjectNode answer = json.createObjectNode().put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", to).put(toPhoneNumber ? "wa_id" : "user_id", recipient);
        answer.putArray("messages").addObject().put("id", wamid);
        return ResponseEntity.ok(answer);
    }

    private static String downloadUrl(String mediaId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/sandbox/graph/downloads/{mediaId}")
                .buildAndExpand(mediaId)
                .toUriString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }
}
