package ke.co.datacare.whatsapp.api.inbox;

import java.util.List;

/** A page of a timeline, oldest first; {@code nextCursor} is where the next page starts, null on the last page. */
public record TimelinePage(List<TimelineMessage> items, String nextCursor) {
}
