package ke.co.datacare.whatsapp.api.query;

import java.util.List;

/** A page of contacts; {@code total} is -1 when not counted (asked for by cursor); {@code nextCursor} null at the end. */
public record ContactPage(List<ContactSummary> items, long total, int page, int size, String nextCursor) {

    public ContactPage(List<ContactSummary> items, long total, int page, int size) {
        this(items, total, page, size, null);
    }
}
