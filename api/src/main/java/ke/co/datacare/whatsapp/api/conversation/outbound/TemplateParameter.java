package ke.co.datacare.whatsapp.api.conversation.outbound;

import ke.co.datacare.whatsapp.api.protection.PersonalData;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One template variable.
 *
 * @param type      {@code text}, {@code currency}, {@code date_time}, {@code image}, {@code document},
 *                  {@code video}, {@code payload} or {@code action} (a flow button)
 * @param text      the value of a text or date_time parameter; for currency an ISO 4217 code, a space and the
 *                  amount, e.g. {@code KES 1500.50}, which is also shown as is where the amount cannot be localised
 * @param mediaId   for media parameters, an uploaded media id (or give {@code mediaLink})
 * @param mediaLink for media parameters, a public https URL (or give {@code mediaId})
 * @param payload   for quick reply buttons, what comes back when the button is tapped
 * @param flowToken for a flow button ({@code action}): what comes back with the Flow's answers; when absent, our
 *                  message id is sent
 * @param flowData  for a flow button: optional input for the Flow's first screen (null when none)
 */
public record TemplateParameter(String type, @PersonalData String text, String mediaId, String mediaLink, String payload,
                                String flowToken, Map<String, Object> flowData) {

    public TemplateParameter {
        flowData = flowData == null || flowData.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(flowData));
    }

    public TemplateParameter(String type, String text, String mediaId, String mediaLink, String payload) {
        this(type, text, mediaId, mediaLink, payload, null, null);
    }

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

    public static TemplateParameter flowAction(String flowToken, Map<String, Object> flowData) {
        return new TemplateParameter("action", null, null, null, null, flowToken, flowData);
    }
}
