package ke.co.datacare.whatsapp.api.inbox;

import java.util.List;

/**
 * A page of the inbox; {@code total} is -1 when not counted (a page asked for by cursor); {@code nextCursor} is
 * where the next page starts, null on the last page.
 */
public record InboxPage(List<InboxItem> items, long total, int page, int size, String nextCursor) {

    public InboxPage(List<InboxItem> items, long total, int page, int size) {
        this(items, total, page, size, null);
    }
}
