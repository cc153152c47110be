package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's answers to the setup check's account reads, shaped as Meta's: the token (always valid, never expiring,
 * with both WhatsApp permissions), each business number (verified, registered on Cloud API, able to send; its quality,
 * messaging limit and throughput level as the simulated quality updates left them, GREEN, TIER_1K and STANDARD at
 * first; its messaging health with the number, business account, business and app each able to send, as Meta lists
 * them) and the app's webhook subscription.
 * The {@code params} conditions keep these apart from the media look-up on the same path shape.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping("/sandbox/graph")
class SandboxAccountController {

    static final String APP_ID = "000000000000000";
    static final String BUSINESS_ID = "120000000000000";

    private final ObjectMapper json = new ObjectMapper();
    private final SandboxNumbers numbers;
    private final String businessAccountId;

    SandboxAccountController(SandboxNumbers numbers, GraphApiProperties graph) {
        this.numbers = numbers;
        this.businessAccountId = graph.businessAccountId() == null || graph.businessAccountId().isBlank()
                ? SandboxConfiguration.DEFAULT_BUSINESS_ACCOUNT_ID : graph.businessAccountId();
    }

    @GetMapping(path = "/{version}/debug_token", params = "input_token", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode debugToken() {
        ObjectNode data = json.createObjectNode();
        data.putObject("data")
                .put("app_id", APP_ID)
                .put("type", "SYSTEM_USER")
                .put("application", "DataCare sandbox")
                .put("expires_at", 0)
                .put("is_valid", true)
                .putArray("scopes").add("whatsapp_business_messaging").add("whatsapp_business_management");
        return data;
    }

    @GetMapping(path = "/{version}/{phoneNumberId}", params = "fields", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode phoneNumber(@PathVariable String phoneNumberId) {
        return number(phoneNumberId);
    }

    /** The business account's numbers, as {@code GET /{waba-id}/phone_numbers} lists them (one page). */
    @GetMapping(path = "/{version}/{businessAccountId}/phone_numbers", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode phoneNumbers() {
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        numbers.ids().forEach(id -> data.add(number(id)));
        answer.putObject("paging").putObject("cursors").put("before", "QVFIUmFr").put("after", "QVFIUmFs");
        return answer;
    }

    private ObjectNode number(String phoneNumberId) {
        SandboxNumber.Health health = numbers.health(phoneNumberId).health();
        ObjectNode number = json.createObjectNode()
                .put("id", phoneNumberId)
                .put("display_phone_number", numbers.displayPhoneNumber(phoneNumberId))
                .put("verified_name", "DataCare sandbox")
                .put("quality_rating", health.qualityRating())
                .put("messaging_limit_tier", health.messagingLimitTier())
                .put("status", health.qualityRating().equals("RED") ? "FLAGGED" : "CONNECTED")
                .put("code_verification_status", "VERIFIED")
                .put("platform_type", "CLOUD_API");
        number.putObject("throughput").put("level", health.throughputLevel());
        // Meta's messaging health of the number and of the nodes above it (GET /{id}?fields=health_status): the
        // number, then the business account, the business and the app, which Meta always lists
        ObjectNode status = number.putObject("health_status");
        status.put("can_send_message", "AVAILABLE");
        ArrayNode entities = status.putArray("entities");
        entities.addObject().put("entity_type", "PHONE_NUMBER").put("id", phoneNumberId)
                .put("can_send_message", "AVAILABLE");
        entities.addObject().put("entity_type", "WABA").put("id", businessAccountId).put("can_send_message", "AVAILABLE");
        entities.addObject().put("entity_type", "BUSINESS").put("id", BUSINESS_ID).put("can_send_message", "AVAILABLE");
        entities.addObject().put("entity_type", "APP").put("id", APP_ID).put("can_send_message", "AVAILABLE");
        return number;
    }

    @GetMapping(path = "/{version}/{businessAccountId}/subscribed_apps", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode subscribedApps() {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("data").addObject().putObject("whatsapp_business_api_data")
                .put("id", "000000000000000")
                .put("name", "DataCare sandbox");
        return answer;
    }
}
