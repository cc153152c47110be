package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.ParameterSource;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateComponent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateParameter;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The personalisation policy: one recipient's template message, each body parameter taken from the contact's
 * attributes ({@code profileName}, {@code firstName}, {@code username}, {@code phoneNumber}) or a fixed
 * {@code text}; a missing
 * attribute gives the parameter's default, and a name without default gives "customer".
 */
final class RecipientParameters {

    static final Set<String> SOURCES = Set.of("profilename", "firstname", "username", "phonenumber", "text");
    static final String NAME_FALLBACK = "customer";

    private RecipientParameters() {
    }

    /** Why a parameter source is not usable, or null when it is. */
    static String problemWith(ParameterSource source) {
        if (source == null || source.source() == null || !SOURCES.contains(source.source().toLowerCase(Locale.ROOT))) {
            return "source must be one of profileName, firstName, username, phoneNumber, text";
        }
        if (source.source().equalsIgnoreCase("text") && (source.value() == null || source.value().isBlank())) {
            return "a text parameter needs a value";
        }
        return null;
    }

    /** Attributes of one contact that parameters may use; any may be null. */
    record Contact(String profileName, String username, String waId) {
    }

    static TemplateContent messageFor(CampaignContent content, Contact contact) {
        if (content.bodyParameters().isEmpty()) {
            return new TemplateContent(content.templateName(), content.language(), List.of());
        }
        List<TemplateParameter> parameters = content.bodyParameters().stream()
                .map(source -> TemplateParameter.text(value(source, contact))).toList();
        return new TemplateContent(content.templateName(), content.language(),
                List.of(new TemplateComponent("body", null, null, parameters)));
    }

    static String value(ParameterSource source, Contact contact) {
        String kind = source.source().toLowerCase(Locale.ROOT);
        String attribute = switch (kind) {
            case "profilename" -> blankToNull(contact.profileName());
            case "firstname" -> contact.profileName() == null || contact.profileName().isBlank() ? null
                    : contact.profileName().strip().split("\\s+")[0];
            case "username" -> blankToNull(contact.username());
            case "phonenumber" -> contact.waId() == null ? null : "+" + contact.waId();
            default -> source.value();
        };
        if (attribute != null) {
            return attribute;
        }
        if (source.fallback() != null && !source.fallback().isBlank()) {
            return source.fallback();
        }
        return NAME_FALLBACK;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
