package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Error answers in Meta's shape.
 */
final class SandboxErrors {

    private SandboxErrors() {
    }

    static ResponseEntity<JsonNode> invalidParameter(String details) {
        return error(100, null, "(#100) Invalid parameter", details);
    }

    static ResponseEntity<JsonNode> unknownObject(String id) {
        return error(100, 33, "Unsupported get request. Object with ID '" + id + "' does not exist", null);
    }

    /** A post to a business number that is not one of the sandbox's, as Meta answers for a number not in the account. */
    static ResponseEntity<JsonNode> unknownNumber(String id) {
        return error(100, 33, "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be loaded "
                + "due to missing permissions, or does not support this operation", null);
    }

    static ResponseEntity<JsonNode> templateMissing(String name, String language) {
        return error(132001, null, "(#132001) Template name does not exist in the translation",
                "template name (" + name + ") does not exist in " + language);
    }

    /** Meta's refusal of a request, with the code and title of the error. */
    static ResponseEntity<JsonNode> of(MetaError refusal) {
        return error(refusal.code(), null, "(#" + refusal.code() + ") " + refusal.title(), refusal.details());
    }

    private static ResponseEntity<JsonNode> error(int code, Integer subcode, String message, String details) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error")
                .put("message", message)
                .put("type", "OAuthException")
                .put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        if (details != null) {
            error.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        error.put("fbtrace_id", "ASandboxTrace");
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(root);
    }
}
