package ke.co.datacare.whatsapp.api.query;

/** Contacts whose profile name, phone number or business-scoped user id contains {@code search}, newest first. */
public record FindContacts(String search, int page, int size) {
}
