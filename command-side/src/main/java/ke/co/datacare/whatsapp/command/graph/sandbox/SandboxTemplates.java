package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's templates: a few APPROVED ones built in, and whatever is submitted, which stays PENDING until a
 * simulated review changes it ({@link SandboxSimulations}).
 */
class SandboxTemplates {

    private static final String BUILT_IN = """
            [
              {"id": "900000000000001", "name": "hello_world", "language": "en_US", "status": "APPROVED",
               "category": "UTILITY", "components": [
                 {"type": "HEADER", "format": "TEXT", "text": "Hello World"},
                 {"type": "BODY", "text": "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API."},
                 {"type": "FOOTER", "text": "WhatsApp Business Platform sample message"}]},
              {"id": "900000000000002", "name": "order_update", "language": "en", "status": "APPROVED",
               "category": "UTILITY", "components": [
                 {"type": "BODY", "text": "Hi {{1}}, your order {{2}} is on its way.",
                  "example": {"body_text": [["Wanjiku", "DC-1042"]]}}]},
              {"id": "900000000000003", "name": "invoice_ready", "language": "en", "status": "APPROVED",
               "category": "UTILITY", "components": [
                 {"type": "HEADER", "format": "DOCUMENT"},
                 {"type": "BODY", "text": "Your invoice {{1}} is attached.", "example": {"body_text": [["INV-2031"]]}},
                 {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Talk to an agent"}]}]},
              {"id": "900000000000004", "name": "customer_satisfaction", "language": "en", "status": "APPROVED",
               "category": "UTILITY", "components": [
                 {"type": "BODY", "text": "Thank you for talking to DataCare. How well did we help you today?"},
                 {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Excellent"},
                   {"type": "QUICK_REPLY", "text": "Good"}, {"type": "QUICK_REPLY", "text": "Okay"},
                   {"type": "QUICK_REPLY", "text": "Poor"}, {"type": "QUICK_REPLY", "text": "Very poor"}]}]},
              {"id": "900000000000005", "name": "book_technician_visit", "language": "en", "status": "APPROVED",
               "category": "UTILITY", "components": [
                 {"type": "BODY", "text": "Your router needs a technician. Choose a time that suits you."},
                 {"type": "BUTTONS", "buttons": [{"type": "FLOW", "text": "Book a visit",
                   "flow_id": "1197715005513101", "flow_action": "navigate", "navigate_screen": "BOOKING"}]}]},
              {"id": "900000000000006", "name": "login_code", "language": "en", "status": "APPROVED",
               "category": "AUTHENTICATION", "components": [
                 {"type": "BODY", "text": "{{1}} is your verification code."},
                 {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}
            ]
            """;

    private final ObjectMapper json;
    private final AtomicLong nextId = new AtomicLong(900_000_000_001_001L);
    private final List<ObjectNode> templates = new ArrayList<>();

    SandboxTemplates(ObjectMapper json) {
        this.json = json;
        try {
            json.readTree(BUILT_IN).forEach(template -> templates.add((ObjectNode) template));
        } catch (JsonProcessingException malformed) {
            throw new IllegalStateException("built-in sandbox templates are malformed", malformed);
        }
    }

    synchronized ArrayNode list() {
        ArrayNode data = json.createArrayNode();
        templates.forEach(template -> data.add(template.deepCopy()));
        return data;
    }

    synchronized Optional<ObjectNode> find(String name, String language) {
        return templates.stream()
                .filter(template -> template.path("name").asText().equals(name))
                .filter(template -> template.path("language").asText().equals(language))
                .findFirst()
                .map(ObjectNode::deepCopy);
    }

    synchronized ObjectNode submit(JsonNode draft) {
        ObjectNode template = json.createObjectNode()
                .put("id", String.valueOf(nextId.getAndIncrement()))
                .put("name", draft.path("name").asText())
                .put("language", draft.path("language").asText())
                .put("status", "PENDING")
                .put("category", draft.path("category").asText());
        JsonNode components = draft.path("components");
        template.set("components", components.isArray() ? components.deepCopy() : json.createArrayNode());
        templates.add(template);
        return template.deepCopy();
    }

    /**
     * Meta's review of a template changed: its new status (none: a flag that leaves the status as it was), the
     * template as it is now; empty when there is no such template ({@code language} null: the first of that name).
     */
    synchronized Optional<ObjectNode> changeStatus(String name, String language, Optional<String> status) {
        Optional<ObjectNode> found = templates.stream()
                .filter(template -> template.path("name").asText().equals(name))
                .filter(template -> language == null || template.path("language").asText().equals(language))
                .findFirst();
        found.ifPresent(template -> status.ifPresent(changed -> template.put("status", changed)));
        return found.map(ObjectNode::deepCopy);
    }
}
