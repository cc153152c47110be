package ke.co.datacare.whatsapp.api.query;

import java.time.Instant;

/**
 * A contact as the agents see it: {@code name} is the profile name, or the phone number when Meta sent
 * no name; {@code phoneNumber} is {@code +} and the {@code wa_id}.
 */
public record ContactSummary(String id, String name, String profileName, String phoneNumber, String userId,
                             boolean optedOut, Instant createdAt) {
}
