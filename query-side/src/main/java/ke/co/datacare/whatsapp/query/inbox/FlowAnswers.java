package ke.co.datacare.whatsapp.query.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of a completed WhatsApp Flow ({@code nfm_reply.response_json}) as fields an agent can read, and the
 * {@code flow_token} that names the message which offered the Flow (our message id unless the sender chose a token).
 */
record FlowAnswers(String flowToken, Map<String, Object> fields) {

    private static final String TOKEN = "flow_token";

    static FlowAnswers of(String responseJson, ObjectMapper json) {
        if (responseJson == null || responseJson.isBlank()) {
            return new FlowAnswers(null, null);
        }
        JsonNode response;
        try {
            response = json.readTree(responseJson);
        } catch (JsonProcessingException e) {
            return new FlowAnswers(null, null);
        }
        if (response == null || !response.isObject()) {
            return new FlowAnswers(null, null);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        response.fields().forEachRemaining(field -> {
            if (!field.getKey().equals(TOKEN)) {
                fields.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
        });
        String token = response.path(TOKEN).isTextual() ? response.path(TOKEN).asText() : null;
        return new FlowAnswers(token, fields.isEmpty() ? null : fields);
    }
}
