package ke.co.datacare.whatsapp.command.graph;

/**
 * Who is sending: conversation traffic (agents, the bot) may use the whole per-number rate, campaigns only what
 * the reserved share leaves.
 */
public enum TrafficClass {
    CONVERSATION, CAMPAIGN
}
