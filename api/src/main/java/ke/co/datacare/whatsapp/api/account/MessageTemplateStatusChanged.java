package ke.co.datacare.whatsapp.api.account;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Meta changed the review status of one of our message templates (APPROVED, REJECTED, PAUSED, ...). */
@Revision("1")
public record MessageTemplateStatusChanged(long templateId, String name, String language, String status, String reason, Instant at) {
}
