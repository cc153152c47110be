package ke.co.datacare.whatsapp.api.contact;

/** The ways Meta identifies a WhatsApp user. */
public enum IdentityType {
    /** The phone number as WhatsApp id ({@code wa_id}), digits without '+'. */
    WA_ID,
    /** The business-scoped user id ({@code user_id}/{@code from_user_id}), e.g. {@code KE.1349...}. */
    USER_ID;

    public String key(String value) {
        return name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }
}
