package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Status webhook bodies in Meta's shape.
 */
final class StatusWebhookBodies {

    private final WebhookEnvelopes envelopes;

    StatusWebhookBodies(WebhookEnvelopes envelopes) {
        this.envelopes = envelopes;
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

    private byte[] body(AcceptedMessage message, String status, Instant at, Consumer<ObjectNode> rest) {
        return envelopes.ofNumber(message.phoneNumberId(), "messages", value -> {
            ObjectNode statusNode = value.putArray("statuses").addObject()
                    .put("id", message.wamid())
                    .put("status", status)
                    .put("timestamp", String.valueOf(at.getEpochSecond()))
                    .put(message.toPhoneNumber() ? "recipient_id" : "recipient_user_id", message.recipient());
            if (message.bizOpaqueCallbackData() != null) {
                statusNode.put("biz_opaque_callback_data", message.bizOpaqueCallbackData());
            }
            rest.accept(statusNode);
        });
    }

    private static void pricing(ObjectNode pricing, String category) {
        boolean service = category.equals("service");
        pricing.put("billable", !service)
                .put("pricing_model", "PMP")
                .put("type", service ? "free_customer_service" : "regular")
                .put("category", category);
    }
}
