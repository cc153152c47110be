package ke.co.datacare.whatsapp.command.config;

import java.util.Collection;
import java.util.Map;

/** The last sequence number the event store holds for each of many aggregates (absent: none stored), in one read. */
@FunctionalInterface
public interface StoredVersions {

    Map<String, Long> lastSequenceNumbers(Collection<String> aggregateIdentifiers);
}
