package ke.co.datacare.whatsapp.api.campaign;

/**
 * An audience entry that gets no message, and why.
 *
 * @param entry  the contact id the entry resolved to (a phone number's contact, or the contact id as given), or
 *               {@code "#<n>"}, the entry's position in the audience (from 1), for an entry that names no contact
 *               (not a phone number); never a phone number
 * @param reason {@code OPTED_OUT}, {@code DUPLICATE}, {@code INVALID_PHONE_NUMBER} or {@code NO_WHATSAPP_IDENTITY}
 */
public record ExcludedEntry(String entry, String reason) {
}
