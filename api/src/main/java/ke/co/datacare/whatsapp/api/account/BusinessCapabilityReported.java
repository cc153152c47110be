package ke.co.datacare.whatsapp.api.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Meta reported the business portfolio's capabilities ({@code business_capability_update}): its messaging limit in
 * unique customers per 24 hours ({@code -1} unlimited, null when not announced) and how many numbers it may have.
 */
@Revision("1")
public record BusinessCapabilityReported(String businessAccountId, Long messagingLimit, Integer maxPhoneNumbers,
                                         Instant at) {
}
