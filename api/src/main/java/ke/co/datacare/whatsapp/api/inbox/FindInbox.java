package ke.co.datacare.whatsapp.api.inbox;

/** Which conversations of the agent inbox to show, most recent activity first. */
public record FindInbox(String status, int page, int size) {
}
