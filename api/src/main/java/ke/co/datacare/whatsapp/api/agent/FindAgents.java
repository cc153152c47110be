package ke.co.datacare.whatsapp.api.agent;

/** The users who can take conversations (agents and admins), available or away; disabled ones only on request. */
public record FindAgents(boolean includeDisabled) {
}
