package ke.co.datacare.whatsapp.api.campaign;

import java.time.LocalTime;

/**
 * The local hours in which a campaign may send, e.g. 08:00 to 20:00 in {@code Africa/Nairobi}; {@code to}
 * before {@code from} is a window over midnight. Outside it, dispatch waits and resumes by itself.
 */
public record SendWindow(LocalTime from, LocalTime to, String zone) {
}
