package ke.co.datacare.whatsapp.command.campaign;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * How campaign recipients are split among dispatch workers: by contact, so one contact's (and conversation's) sends
 * are always queued by one worker at a time. A recipient row keeps a key of 0-1023 derived from its contact id; with
 * {@code n} partitions, partition {@code p} holds the keys with {@code key mod n = p}, so the number of partitions can
 * change between runs without moving a recipient twice.
 */
final class RecipientPartitions {

    static final int KEYS = 1024;

    private RecipientPartitions() {
    }

    /** The partition key of a contact (String.hashCode is the same on every JVM); 0 when there is none. */
    static int keyOf(String contactId) {
        return contactId == null ? 0 : Math.floorMod(contactId.hashCode(), KEYS);
    }

    /** The partition of a key among {@code partitions}. */
    static int partitionOf(int key, int partitions) {
        return key % partitions;
    }

    /** The SQL condition (on {@code partition_key}) for the rows of these partitions; never empty. */
    static String condition(Set<Integer> partitions, int count) {
        return "mod(partition_key, " + count + ") in (" + partitions.stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(", ")) + ")";
    }
}
