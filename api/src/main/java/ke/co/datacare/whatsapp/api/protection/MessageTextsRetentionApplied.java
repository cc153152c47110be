package ke.co.datacare.whatsapp.api.protection;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The retention period of message texts in the read models was applied: texts of messages sent before
 * {@code cutoff} are no longer kept there. Recorded by the retention job, so that a replay or a rebuild, which meets
 * it after the messages it covers, drops the same texts again. Names no personal data.
 */
@Revision("1")
public record MessageTextsRetentionApplied(Instant cutoff, Instant at) {
}
