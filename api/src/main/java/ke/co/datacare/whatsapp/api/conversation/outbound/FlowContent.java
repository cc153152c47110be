package ke.co.datacare.whatsapp.api.conversation.outbound;

import ke.co.datacare.whatsapp.api.protection.PersonalData;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WhatsApp Flow offered in an interactive message: the customer taps {@code cta} and fills in the Flow's screens;
 * the answers come back as an {@code nfm_reply} carrying the same {@code flowToken}. Like every interactive message it
 * is free-form: inside the 24-hour window only (outside it, send a template with a flow button).
 *
 * @param flowId    Meta's id of a published Flow (digits)
 * @param cta       the button's text, at most 20 characters, no emoji
 * @param flowToken what comes back with the answers; when absent, our message id is sent, so the answers name the
 *                  message that asked for them
 * @param action    {@code navigate} (open {@code screen} with {@code data}) or {@code data_exchange} (the Flow's
 *                  endpoint decides the first screen)
 * @param screen    for {@code navigate}: the entry screen's id
 * @param data      for {@code navigate}: optional input for the first screen (null when none)
 * @param draft     send the Flow's draft instead of the published version (for testing a Flow)
 */
public record FlowContent(String header, @PersonalData String body, String footer, String flowId, String cta, String flowToken,
                          String action, String screen, Map<String, Object> data, boolean draft)
        implements OutboundContent {

    public static final String NAVIGATE = "navigate";
    public static final String DATA_EXCHANGE = "data_exchange";

    public FlowContent {
        action = action == null || action.isBlank() ? NAVIGATE : action;
        data = data == null || data.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
