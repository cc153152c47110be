package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/** Record that the contact agreed to receive marketing messages again. */

public record RecordOptIn(@TargetAggregateIdentifier ContactId contactId, String source, Instant at) {
}
