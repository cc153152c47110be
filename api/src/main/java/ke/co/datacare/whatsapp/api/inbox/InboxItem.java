package ke.co.datacare.whatsapp.api.inbox;

import ke.co.datacare.whatsapp.api.contact.ContactName;

import java.time.Instant;

/**
 * One conversation in the agent inbox. The shape keeps the fields the inbox front end reads:
 * {@code id}, {@code contact.name}, {@code contact.phoneNumber}, {@code lastMessage.content},
 * {@code lastMessage.timestamp}, {@code unreadCount}, {@code status}. {@code slaDueAt} is when the assigned
 * agent (or the queue) must have replied. {@code match} (searches only) says why the conversation was found: its
 * contact's name or number, or a message, shown with its text. {@code arrivedLateBySeconds} is set when the
 * customer's latest message reached us late (by that many seconds after the customer wrote it).
 */
public record InboxItem(String id, InboxContact contact, LastMessage lastMessage, int unreadCount, String status,
                        String assignee, Instant windowClosesAt, boolean windowOpen, Instant lastActivityAt,
                        Instant slaDueAt, Instant snoozedUntil, Instant escalatedAt, Match match,
                        Long arrivedLateBySeconds) {

    public InboxItem(String id, InboxContact contact, LastMessage lastMessage, int unreadCount, String status,
                     String assignee, Instant windowClosesAt, boolean windowOpen, Instant lastActivityAt,
                     Instant slaDueAt, Instant snoozedUntil, Instant escalatedAt, Match match) {
        this(id, contact, lastMessage, unreadCount, status, assignee, windowClosesAt, windowOpen, lastActivityAt,
                slaDueAt, snoozedUntil, escalatedAt, match, null);
    }

    public InboxItem(String id, InboxContact contact, LastMessage lastMessage, int unreadCount, String status,
                     String assignee, Instant windowClosesAt, boolean windowOpen, Instant lastActivityAt,
                     Instant slaDueAt, Instant snoozedUntil, Instant escalatedAt) {
        this(id, contact, lastMessage, unreadCount, status, assignee, windowClosesAt, windowOpen, lastActivityAt,
                slaDueAt, snoozedUntil, escalatedAt, null);
    }

    /** A search hit: {@code on} is {@code contact} (name, number or user id) or {@code message}. */
    public record Match(String on, String messageId, String text, Instant timestamp) {
    }

    /** {@code name} as {@code ContactName.shown} gives it; {@code username} the WhatsApp username, when known. */
    public record InboxContact(String id, String name, String phoneNumber, String userId, String username) {

        public static InboxContact of(String id, String profileName, String username, String waId, String userId) {
            return new InboxContact(id, ContactName.shown(profileName, username, waId), ContactName.phoneNumber(waId),
                    userId, username);
        }
    }

    public record LastMessage(String content, String type, Instant timestamp) {
    }
}
