package ke.co.datacare.whatsapp.api.query;

/**
 * The delivery status of one outbound message, looked up by Meta's {@code wamid} or by our own message id
 * (the {@code id} that {@code POST /api/messages/send} answered with).
 */
public record FindMessageStatus(Lookup by, String id) {

    public enum Lookup {
        WAMID,
        MESSAGE_ID
    }

    public static FindMessageStatus byWamid(String wamid) {
        return new FindMessageStatus(Lookup.WAMID, wamid);
    }

    public static FindMessageStatus byMessageId(String messageId) {
        return new FindMessageStatus(Lookup.MESSAGE_ID, messageId);
    }
}
