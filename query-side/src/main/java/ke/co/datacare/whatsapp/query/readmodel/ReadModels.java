package ke.co.datacare.whatsapp.query.readmodel;

/**
 * The processing group of every read-model projection: a projection joins by naming it in
 * {@code @ProcessingGroup(ReadModels.GROUP)} and declaring the tables it owns in a {@code TABLES} constant. One
 * processor ({@link ReadModelProcessing}) reads and deserializes each event once and hands it to all of them in the
 * same batch; the bulk rebuild rebuilds them together.
 */
public final class ReadModels {

    public static final String GROUP = "read-models";

    private ReadModels() {
    }
}
