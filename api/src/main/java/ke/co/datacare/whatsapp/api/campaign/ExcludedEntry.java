package ke.co.datacare.whatsapp.api.campaign;

/**
 * An audience entry that gets no message, and why.
 *
 * @param entry  the phone number or contact id as given
 * @param reason {@code OPTED_OUT}, {@code DUPLICATE}, {@code INVALID_PHONE_NUMBER} or {@code NO_WHATSAPP_IDENTITY}
 */
public record ExcludedEntry(String entry, String reason) {
}
