package ke.co.datacare.whatsapp.api.inbox;

/**
 * Which conversations of the agent inbox to show, most recent activity first. Every filter is optional:
 * {@code status} (open, pending, assigned, snoozed, resolved), {@code assignee} (a user id),
 * {@code unassigned}, {@code window} (open or closed at {@code now}), {@code unread}, {@code search}
 * over the contact's name and number and the messages' text, {@code tag}: the contact has that tag, and
 * {@code arrivedLate}: the customer's latest message reached us late (after an outage).
 * {@code cursor} (from the previous page's {@link InboxPage#nextCursor()}) starts the page right after that one,
 * instead of {@code page}; a search is ranked and paged by number.
 */
public record FindInbox(String status, String assignee, Boolean unassigned, String window, Boolean unread,
                        String search, String tag, int page, int size, String cursor, Boolean arrivedLate) {

    public FindInbox(String status, String assignee, Boolean unassigned, String window, Boolean unread,
                     String search, String tag, int page, int size, String cursor) {
        this(status, assignee, unassigned, window, unread, search, tag, page, size, cursor, null);
    }

    public FindInbox(String status, String assignee, Boolean unassigned, String window, Boolean unread,
                     String search, String tag, int page, int size) {
        this(status, assignee, unassigned, window, unread, search, tag, page, size, null);
    }

    public FindInbox(String status, int page, int size) {
        this(status, null, null, null, null, null, null, page, size, null);
    }
}
