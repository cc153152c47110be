package ke.co.datacare.whatsapp.command.webhook;

import static ke.co.datacare.whatsapp.command.webhook.WebhookParser.epochSeconds;
import static ke.co.datacare.whatsapp.command.webhook.WebhookParser.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import ke.co.datacare.whatsapp.api.account.BusinessCapabilityReported;
import ke.co.datacare.whatsapp.api.account.MessageTemplateCategoryChangeAnnounced;
import ke.co.datacare.whatsapp.api.account.MessageTemplateCategoryChanged;
import ke.co.datacare.whatsapp.api.account.MessageTemplateQualityChanged;
import ke.co.datacare.whatsapp.api.account.PhoneNumberHealthReported;
import ke.co.datacare.whatsapp.command.number.MessagingLimit;

/**
 * The events that template and number health webhooks become, read as Meta documents them (2025-2026): template
 * category changes (announced and completed), template quality, number quality and throughput, and the business
 * portfolio's messaging limit (per portfolio since October 2025; {@code current_limit} and
 * {@code max_daily_conversation_per_phone} are read only when the newer {@code max_daily_conversations_per_business}
 * is missing).
 */
final class AccountNotices {

    private AccountNotices() {
    }

    static Object of(String accountId, String field, JsonNode value, Instant at) {
        return switch (field) {
            case "template_category_update" -> category(value, at);
            case "message_template_quality_update" -> new MessageTemplateQualityChanged(templateId(value),
                    text(value, "message_template_name"), text(value, "message_template_language"),
                    text(value, "previous_quality_score"), text(value, "new_quality_score"), at);
            case "phone_number_quality_update" -> new PhoneNumberHealthReported(accountId,
                    text(value, "display_phone_number"), text(value, "event"),
                    limit(value, "max_daily_conversations_per_business", "current_limit"), at);
            case "business_capability_update" -> new BusinessCapabilityReported(accountId,
                    limit(value, "max_daily_conversations_per_business", "max_daily_conversation_per_phone"),
                    value.path("max_phone_numbers_per_business").canConvertToInt()
                            && value.path("max_phone_numbers_per_business").isNumber()
                            ? value.path("max_phone_numbers_per_business").asInt() : null, at);
            default -> throw new IllegalArgumentException("not an account notice: " + field);
        };
    }

    private static Object category(JsonNode value, Instant at) {
        String name = text(value, "message_template_name");
        String language = text(value, "message_template_language");
        String correct = text(value, "correct_category");
        if (correct != null) {
            return new MessageTemplateCategoryChangeAnnounced(templateId(value), name, language,
                    text(value, "new_category"), correct,
                    epochSeconds(value.path("category_update_timestamp")).orElse(null), at);
        }
        return new MessageTemplateCategoryChanged(templateId(value), name, language, text(value, "previous_category"),
                text(value, "new_category"), at);
    }

    private static long templateId(JsonNode value) {
        JsonNode id = value.path("message_template_id");
        return id.canConvertToLong() ? id.asLong() : 0L;
    }

    /** The first of the fields present, in unique customers per 24 hours; {@code -1} unlimited; null if none is known. */
    private static Long limit(JsonNode value, String... fields) {
        for (String field : fields) {
            Long limit = limit(text(value, field));
            if (limit != null) {
                return limit;
            }
        }
        return null;
    }

    static Long limit(String announced) {
        return MessagingLimit.read(announced).map(MessagingLimit::announcedValue).orElse(null);
    }
}
