package ke.co.datacare.whatsapp.command.conversation;

/**
 * Where a conversation stands in support: with the bot (OPEN), waiting for an agent (PENDING), held by one
 * (ASSIGNED), put aside until a time or the customer's next message (SNOOZED), or done (RESOLVED).
 */
enum ConversationStatus {
    OPEN, PENDING, ASSIGNED, SNOOZED, RESOLVED
}
