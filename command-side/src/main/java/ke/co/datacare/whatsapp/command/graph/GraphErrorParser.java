package ke.co.datacare.whatsapp.command.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads Meta's error body leniently: a proxy's HTML page or a truncated body still gives a classified error.
 */
final class GraphErrorParser {

    private static final int MAX_RAW_TEXT = 300;

    private final ObjectMapper json;
    private final GraphErrorClassifier classifier;

    GraphErrorParser(ObjectMapper json, GraphErrorClassifier classifier) {
        this.json = json;
        this.classifier = classifier;
    }

    GraphError parse(int httpStatus, byte[] body) {
        JsonNode error = readError(body);
        if (error == null) {
            String raw = new String(body, StandardCharsets.UTF_8).strip();
            String message = raw.isEmpty() ? null : abbreviate(raw);
            return new GraphError(httpStatus, null, null, "HTTP " + httpStatus, message, null, null,
                    classifier.classify(httpStatus, null));
        }
        Integer code = integer(error.get("code"));
        String title = text(error.get("error_user_title"));
        return new GraphError(httpStatus, code, integer(error.get("error_subcode")),
                title != null ? title : text(error.get("type")),
                text(error.get("message")),
                text(error.path("error_data").get("details")),
                text(error.get("fbtrace_id")),
                classifier.classify(httpStatus, code));
    }

    private JsonNode readError(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.valueOf(node.textValue().strip());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static String abbreviate(String raw) {
        return raw.length() <= MAX_RAW_TEXT ? raw : raw.substring(0, MAX_RAW_TEXT) + "...";
    }
}
