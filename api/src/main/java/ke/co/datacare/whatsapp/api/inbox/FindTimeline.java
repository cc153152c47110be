package ke.co.datacare.whatsapp.api.inbox;

/**
 * The messages of one conversation, in order: every one, or with {@code size} > 0 a page of that many, starting after
 * {@code cursor} (the previous page's {@link TimelinePage#nextCursor()}) when given.
 */
public record FindTimeline(String conversationId, String cursor, int size) {

    public FindTimeline(String conversationId) {
        this(conversationId, null, 0);
    }
}
