package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * Status webhook bodies in Meta's shape, non-ASCII escaped as {@code \\uXXXX} like Meta's.
 */
final class StatusWebhookBodies {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private final String businessAccountId;
    private final String displayPhoneNumber;

    StatusWebhookBodies(String businessAccountId, String displayPhoneNumber) {
        this.businessAccountId = businessAccountId;
        this.displayPhoneNumber = displayPhoneNumber;
    }

    /** A {@code failed} status carrying Meta's error, without pricing (a failed message is not charged). */
    byte[] failed(AcceptedMessage message, MetaError error, Instant at) {
        return body(message, "failed", at, statusNode -> {
            ObjectNode errorNode = statusNode.putArray("errors").addObject()
                    .put("code", error.code())
                    .put("title", error.title())
                    .put("message", error.title());
            errorNode.putObject("error_data").put("details", error.details());
            errorNode.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
        });
    }

    byte[] status(AcceptedMessage message, String status, Instant at) {
        return body(message, status, at, statusNode -> {
            if (!status.equals("read")) {
                pricing(statusNode.putObject("pricing"), message.pricingCategory());
            }
        });
    }

    private byte[] body(AcceptedMessage message, String status, Instant at, java.util.function.Consumer<ObjectNode> rest) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", businessAccountId);
        ObjectNode change = entry.putArray("changes").addObject();
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata")
                .put("display_phone_number", displayPhoneNumber)
                .put("phone_number_id", message.phoneNumberId());
        ObjectNode statusNode = value.putArray("statuses").addObject()
                .put("id", message.wamid())
                .put("status", status)
                .put("timestamp", String.valueOf(at.getEpochSecond()))
                .put(message.toPhoneNumber() ? "recipient_id" : "recipient_user_id", message.recipient());
        if (message.bizOpaqueCallbackData() != null) {
            statusNode.put("biz_opaque_callback_data", message.bizOpaqueCallbackData());
        }
        rest.accept(statusNode);
        change.put("field", "messages");
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void pricing(ObjectNode pricing, String category) {
        boolean service = category.equals("service");
        pricing.put("billable", !service)
                .put("pricing_model", "PMP")
                .put("type", service ? "free_customer_service" : "regular")
                .put("category", category);
    }
}
