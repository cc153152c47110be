package ke.co.datacare.whatsapp.api.inbox;

import java.time.Instant;

/**
 * One conversation in the agent inbox. The shape keeps the fields the inbox front end reads:
 * {@code id}, {@code contact.name}, {@code contact.phoneNumber}, {@code lastMessage.content},
 * {@code lastMessage.timestamp}, {@code unreadCount}, {@code status}. {@code slaDueAt} is when the assigned
 * agent (or the queue) must have replied.
 */
public record InboxItem(String id, InboxContact contact, LastMessage lastMessage, int unreadCount, String status,
                        String assignee, Instant windowClosesAt, boolean windowOpen, Instant lastActivityAt,
                        Instant slaDueAt, Instant snoozedUntil, Instant escalatedAt) {

    public record InboxContact(String id, String name, String phoneNumber, String userId) {
    }

    public record LastMessage(String content, String type, Instant timestamp) {
    }
}
