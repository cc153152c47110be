package ke.co.datacare.whatsapp.api.query;

/**
 * Contacts whose profile name, phone number or business-scoped user id contains {@code search} and that have the
 * {@code tag} (each optional), newest first.
 */
public record FindContacts(String search, String tag, int page, int size, String cursor) {

    public FindContacts(String search, String tag, int page, int size) {
        this(search, tag, page, size, null);
    }

    public FindContacts(String search, int page, int size) {
        this(search, null, page, size, null);
    }
}
