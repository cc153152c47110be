package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.ImportConversationHistory;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.MessageContext;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.api.conversation.Referral;

import java.time.Instant;
import java.util.List;

/** One update carried by a webhook body, as the parser found it. */
sealed interface WebhookItem {

    /**
     * Who a message came from or went to: a phone number ({@code wa_id}), a business-scoped user id, or both, with
     * what Meta tells of them (profile name, username, parent business-scoped user id; each may be null).
     */
    record Sender(String waId, String userId, String profileName, String username, String parentUserId) {

        Sender(String waId, String userId, String profileName) {
            this(waId, userId, profileName, null, null);
        }

        boolean identified() {
            return present(waId) || present(userId);
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }

    record Inbound(String phoneNumberId, Sender sender, String wamid, Instant sentAt, InboundMessage message,
                   MessageContext context, Referral referral) implements WebhookItem {
    }

    record Status(String phoneNumberId, Sender recipient, String wamid, DeliveryStatus status, Instant at,
                  Integer errorCode, String errorTitle, String errorDetails, Pricing pricing) implements WebhookItem {
    }

    /** Coexistence: a message staff typed on the WhatsApp Business app, to {@code customer}. */
    record Echo(String phoneNumberId, Sender customer, String wamid, Instant sentAt, InboundMessage content)
            implements WebhookItem {
    }

    /** Coexistence: one customer's messages in a chunk ({@code phase/chunk_order}) of the business app's chat history. */
    record History(String phoneNumberId, Sender customer, String chunk,
                   List<ImportConversationHistory.HistoricalMessage> messages) implements WebhookItem {
    }

    record MarketingPreference(String phoneNumberId, Sender sender, boolean optedOut, Instant at)
            implements WebhookItem {
    }

    record TemplateStatus(long templateId, String name, String language, String status, String reason, Instant at)
            implements WebhookItem {
    }

    /** An update that becomes one event as it is (template and number health). */
    record Notice(Object event, Instant at) implements WebhookItem {
    }

    record AccountUpdate(String businessAccountId, String field, String rawJson, Instant at) implements WebhookItem {
    }

    record Errors(String businessAccountId, String phoneNumberId, String rawJson, Instant at) implements WebhookItem {
    }
}
