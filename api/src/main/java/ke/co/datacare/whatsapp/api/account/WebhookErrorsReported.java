package ke.co.datacare.whatsapp.api.account;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta reported account or app level errors in a webhook. */
@Revision("1")
public record WebhookErrorsReported(String businessAccountId, String phoneNumberId, String rawJson, Instant at) {
}
