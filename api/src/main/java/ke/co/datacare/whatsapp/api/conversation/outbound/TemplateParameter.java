package ke.co.datacare.whatsapp.api.conversation.outbound;

/**
 * One template variable.
 *
 * @param type      {@code text}, {@code currency}, {@code date_time}, {@code image}, {@code document},
 *                  {@code video} or {@code payload}
 * @param text      the value of a text or date_time parameter; for currency an ISO 4217 code, a space and the
 *                  amount, e.g. {@code KES 1500.50}, which is also shown as is where the amount cannot be localised
 * @param mediaId   for media parameters, an uploaded media id (or give {@code mediaLink})
 * @param mediaLink for media parameters, a public https URL (or give {@code mediaId})
 * @param payload   for quick reply buttons, what comes back when the button is tapped
 */
public record TemplateParameter(String type, String text, String mediaId, String mediaLink, String payload) {

    public static TemplateParameter text(String text) {
        return new TemplateParameter("text", text, null, null, null);
    }

    public static TemplateParameter currency(String codeAndAmount) {
        return new TemplateParameter("currency", codeAndAmount, null, null, null);
    }

    public static TemplateParameter dateTime(String text) {
        return new TemplateParameter("date_time", text, null, null, null);
    }

    public static TemplateParameter mediaById(String type, String mediaId) {
        return new TemplateParameter(type, null, mediaId, null, null);
    }

    public static TemplateParameter mediaByLink(String type, String link) {
        return new TemplateParameter(type, null, null, link, null);
    }

    public static TemplateParameter payload(String payload) {
        return new TemplateParameter("payload", null, null, null, payload);
    }
}
