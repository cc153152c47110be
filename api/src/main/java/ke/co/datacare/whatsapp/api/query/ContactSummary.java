package ke.co.datacare.whatsapp.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact as the agents see it: {@code name} is the profile name, or the phone number when Meta sent
 * no name; {@code phoneNumber} is {@code +} and the {@code wa_id}; {@code tags} in alphabetical order and
 * {@code attributes} by name.
 */
public record ContactSummary(String id, String name, String profileName, String phoneNumber, String userId,
                             boolean optedOut, Instant createdAt, List<String> tags, Map<String, String> attributes) {
}
