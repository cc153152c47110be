package ke.co.datacare.whatsapp.api.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Meta reported a change of one of our numbers ({@code phone_number_quality_update}): {@code event} as Meta names it
 * (FLAGGED, UNFLAGGED, UPGRADE, DOWNGRADE, ONBOARDING, THROUGHPUT_UPGRADE, ...) and the business portfolio's
 * messaging limit it announced, in unique customers per 24 hours ({@code -1} unlimited, null when not announced).
 */
@Revision("1")
public record PhoneNumberHealthReported(String businessAccountId, String displayPhoneNumber, String event,
                                        Long messagingLimit, Instant at) {
}
