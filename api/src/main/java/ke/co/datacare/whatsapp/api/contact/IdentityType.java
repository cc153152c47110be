package ke.co.datacare.whatsapp.api.contact;

/** The ways Meta identifies a WhatsApp user. */
public enum IdentityType {
    /** The phone number as WhatsApp id ({@code wa_id}), digits without '+'. */
    WA_ID,
    /** The business-scoped user id ({@code user_id}/{@code from_user_id}), e.g. {@code KE.1349...}. */
    USER_ID,
    /**
     * The parent business-scoped user id ({@code parent_user_id}), shared by the businesses of a linked portfolio;
     * sent to in {@code recipient} like a user id, only when the contact has neither a phone number nor a user id.
     */
    PARENT_USER_ID;

    /**
     * Which kind an id is: a business-scoped id (or parent id) has its country and a dot before its digits
     * ({@code KE.1349...}); a phone number has digits only, perhaps with a leading '+'.
     */
    public static IdentityType of(String whatsAppId) {
        return whatsAppId.chars().anyMatch(c -> c == '.' || Character.isLetter(c)) ? USER_ID : WA_ID;
    }

    public String key(String value) {
        return name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }
}
