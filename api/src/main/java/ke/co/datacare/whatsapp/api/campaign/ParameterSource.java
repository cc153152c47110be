package ke.co.datacare.whatsapp.api.campaign;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * Where one template body parameter of a recipient's message comes from.
 *
 * @param source   {@code profileName} (the name the contact gave WhatsApp), {@code firstName} (its first word),
 *                 {@code username} (the WhatsApp username, when the contact has one), {@code phoneNumber} (with '+'),
 *                 or {@code text} (the same {@code value} for everyone)
 * @param value    the text of a {@code text} parameter
 * @param fallback what goes out when the contact has no such attribute (JSON {@code default})
 */
public record ParameterSource(String source, String value, @JsonAlias("default") String fallback) {

    public static ParameterSource profileName(String fallback) {
        return new ParameterSource("profileName", null, fallback);
    }

    public static ParameterSource text(String value) {
        return new ParameterSource("text", value, null);
    }
}
