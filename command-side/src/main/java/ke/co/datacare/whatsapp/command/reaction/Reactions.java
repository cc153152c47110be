package ke.co.datacare.whatsapp.command.reaction;

/**
 * The processing group of the reactions to events whose handlers do little per event and nothing for most: read
 * receipts, the media archive's queue, the integrations' delivery queue. Each streaming processor reads and
 * deserialises every event, so these share one reader, one token and one transaction per batch instead of one each.
 * They start at the head and are never replayed. Each handler keeps its own failure policy ({@link BestEffort}).
 */
public final class Reactions {

    public static final String GROUP = "reactions";

    private Reactions() {
    }
}
