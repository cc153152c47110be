package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

/**
 * A failed Graph API call, as Meta described it.
 *
 * @param httpStatus 0 when no HTTP answer came (timeout, connection refused)
 * @param code       Meta's {@code error.code}; null when the answer had none
 */
public record GraphError(int httpStatus, Integer code, Integer subcode, String title, String message, String details,
                         String fbtraceId, ErrorClass errorClass) {

    static GraphError unreachable(String title, String message) {
        return new GraphError(0, null, null, title, message, null, null, ErrorClass.TRANSIENT);
    }

    String describe() {
        StringBuilder text = new StringBuilder(title == null ? "Graph API error" : title);
        text.append(" (http ").append(httpStatus);
        if (code != null) {
            text.append(", code ").append(code);
        }
        if (subcode != null) {
            text.append(", subcode ").append(subcode);
        }
        text.append(", ").append(errorClass).append(')');
        if (message != null) {
            text.append(": ").append(message);
        }
        if (fbtraceId != null) {
            text.append(" [fbtrace_id ").append(fbtraceId).append(']');
        }
        return text.toString();
    }
}
