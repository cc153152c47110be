package ke.co.datacare.whatsapp.query.inbox;

/**
 * The inbox processing group: the contacts view, the inbox conversations, the timelines and the message statuses,
 * four projections of their own tables, handled by one processor so that the event stream is read once for them.
 */
final class InboxProcessing {

    static final String GROUP = "inbox";

    private InboxProcessing() {
    }
}
