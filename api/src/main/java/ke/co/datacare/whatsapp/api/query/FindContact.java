package ke.co.datacare.whatsapp.api.query;

/** One contact by its id. */
public record FindContact(String contactId) {
}
