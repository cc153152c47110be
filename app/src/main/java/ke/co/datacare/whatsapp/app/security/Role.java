package ke.co.datacare.whatsapp.app.security;

/** ADMIN: users, configuration, replay, export. AGENT: conversations, sending, own availability. ANALYST: read-only. */
public enum Role {
    ADMIN, AGENT, ANALYST
}
