package ke.co.datacare.whatsapp.api.inbox;

/**
 * Which conversations of the agent inbox to show, most recent activity first. Every filter is optional:
 * {@code status} (open, pending, assigned, snoozed, resolved), {@code assignee} (a user id),
 * {@code unassigned}, {@code window} (open or closed at {@code now}), {@code unread}, {@code search}
 * over the contact's name and number and the messages' text, and {@code tag}: the contact has that tag.
 */
public record FindInbox(String status, String assignee, Boolean unassigned, String window, Boolean unread,
                        String search, String tag, int page, int size) {

    public FindInbox(String status, int page, int size) {
        this(status, null, null, null, null, null, null, page, size);
    }
}
