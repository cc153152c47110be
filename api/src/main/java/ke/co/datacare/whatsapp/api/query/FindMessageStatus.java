package ke.co.datacare.whatsapp.api.query;

/**
 * The delivery status of one outbound message, looked up by one of its ids. Only Meta's {@code wamid}
 * exists today; our own message id becomes a second {@link Lookup} with outbound messages.
 */
public record FindMessageStatus(Lookup by, String id) {

    public enum Lookup {
        WAMID
    }

    public static FindMessageStatus byWamid(String wamid) {
        return new FindMessageStatus(Lookup.WAMID, wamid);
    }
}
