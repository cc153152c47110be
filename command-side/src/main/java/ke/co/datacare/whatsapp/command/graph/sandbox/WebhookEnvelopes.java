package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The envelope of the webhooks the sandbox posts, in Meta's shape ({@code object}, one {@code entry} of the business
 * account, one {@code change} with its {@code field}), non-ASCII escaped as {@code \\uXXXX} like Meta's.
 */
final class WebhookEnvelopes {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private final String businessAccountId;
    private final SandboxNumbers numbers;

    WebhookEnvelopes(String businessAccountId, SandboxNumbers numbers) {
        this.businessAccountId = businessAccountId;
        this.numbers = numbers;
    }

    /** A change about one of our numbers ({@code messages}, {@code smb_message_echoes}): its value names the number. */
    byte[] ofNumber(String phoneNumberId, String field, Consumer<ObjectNode> value) {
        return change(null, field, change -> {
            ObjectNode node = change.putObject("value").put("messaging_product", "whatsapp");
            node.putObject("metadata")
                    .put("display_phone_number", numbers.displayPhoneNumber(phoneNumberId))
                    .put("phone_number_id", phoneNumberId);
            value.accept(node);
        });
    }

    /** A change about the business account (templates, number health), stamped with the entry's {@code time}. */
    byte[] ofAccount(String field, Instant at, Consumer<ObjectNode> value) {
        return change(at, field, change -> value.accept(change.putObject("value")));
    }

    String displayPhoneNumber(String phoneNumberId) {
        return numbers.displayPhoneNumber(phoneNumberId);
    }

    private byte[] change(Instant at, String field, Consumer<ObjectNode> value) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", businessAccountId);
        if (at != null) {
            entry.put("time", at.getEpochSecond());
        }
        ObjectNode change = entry.putArray("changes").addObject();
        value.accept(change);
        change.put("field", field);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
