package ke.co.datacare.whatsapp.command.conversation;

/** Where a conversation stands in support: with the bot, waiting for an agent, held by one, snoozed or done. */
enum ConversationStatus {
    OPEN, PENDING, ASSIGNED, SNOOZED, RESOLVED
}
