package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The webhooks the sandbox posts when a developer plays Meta's other parts: a customer writing (with the profile
 * name, username and business-scoped user id Meta sends since 2026), staff typing on the WhatsApp Business app
 * ({@code smb_message_echoes}), a template's review status changing, and the number's quality and messaging limit.
 * Shapes as the parser's fixtures, from Meta's documentation.
 */
final class SimulatedWebhookBodies {

    private final WebhookEnvelopes envelopes;

    SimulatedWebhookBodies(WebhookEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    /** A text from a customer known by phone number ({@code wa_id}), business-scoped user id, or both. */
    byte[] customerText(String phoneNumberId, SandboxSimulations.CustomerMessage customer, String wamid, Instant at) {
        return envelopes.ofNumber(phoneNumberId, "messages", value -> {
            ObjectNode contact = value.putArray("contacts").addObject();
            ObjectNode profile = contact.putObject("profile").put("name", customer.name());
            if (customer.username() != null) {
                profile.put("username", customer.username());
            }
            ObjectNode message = value.putArray("messages").addObject();
            if (customer.from() != null) {
                contact.put("wa_id", customer.from());
                message.put("from", customer.from());
            }
            if (customer.userId() != null) {
                contact.put("user_id", customer.userId());
                message.put("from_user_id", customer.userId());
            }
            message.put("id", wamid)
                    .put("timestamp", String.valueOf(at.getEpochSecond()))
                    .put("type", "text")
                    .putObject("text").put("body", customer.text());
        });
    }

    /** What staff typed to a customer on the WhatsApp Business app, echoed to us. */
    byte[] businessAppText(String phoneNumberId, String to, String text, String wamid, Instant at) {
        return envelopes.ofNumber(phoneNumberId, "smb_message_echoes", value -> value.putArray("message_echoes")
                .addObject()
                .put("from", envelopes.displayPhoneNumber(phoneNumberId))
                .put("to", to)
                .put("id", wamid)
                .put("timestamp", String.valueOf(at.getEpochSecond()))
                .put("type", "text")
                .putObject("text").put("body", text));
    }

    /** Meta's review of a template changed ({@code message_template_status_update}). */
    byte[] templateStatus(ObjectNode template, String event, String reason, Instant at) {
        return envelopes.ofAccount("message_template_status_update", at, value -> value
                .put("event", event)
                .put("message_template_id", Long.parseLong(template.path("id").asText()))
                .put("message_template_name", template.path("name").asText())
                .put("message_template_language", template.path("language").asText())
                .put("reason", reason == null ? "NONE" : reason));
    }

    /**
     * The number's quality, throughput or the portfolio's messaging limit changed ({@code phone_number_quality_update}),
     * as Meta's reference (updated May 2026) shows it: {@code old_limit} only when the messaging limit changed, the
     * portfolio's limit in {@code max_daily_conversations_per_business}; {@code current_limit}, removed in February
     * 2026, is no longer sent.
     */
    byte[] numberQuality(String phoneNumberId, String event, String oldLimit, String limit, Instant at) {
        return envelopes.ofAccount("phone_number_quality_update", at, value -> {
            value.put("display_phone_number", envelopes.displayPhoneNumber(phoneNumberId)).put("event", event);
            if (oldLimit != null) {
                value.put("old_limit", oldLimit);
            }
            value.put("max_daily_conversations_per_business", limit);
        });
    }
}
