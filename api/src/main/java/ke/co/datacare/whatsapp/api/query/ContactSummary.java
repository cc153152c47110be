package ke.co.datacare.whatsapp.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact as the agents see it: {@code name} is the profile name, else {@code @} and the username, else the phone
 * number; {@code phoneNumber} is {@code +} and the {@code wa_id}; {@code username} the WhatsApp username and
 * {@code parentUserId} the parent business-scoped user id, when Meta sent them; {@code tags} in alphabetical order
 * and {@code attributes} by name.
 */
public record ContactSummary(String id, String name, String profileName, String phoneNumber, String userId,
                             String username, String parentUserId, boolean optedOut, Instant createdAt, List<String> tags, Map<String, String> attributes) {
}
