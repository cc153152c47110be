package ke.co.datacare.whatsapp.api.account;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta reported a change of the business account or of a template's quality or category, kept as raw JSON. */
@Revision("1")
public record BusinessAccountUpdateReceived(String businessAccountId, String field, String rawJson, Instant at) {
}
