package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.api.conversation.OpenConversation;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares a send, the same way for agents and API clients and for campaigns: the recipient's contact (registered when
 * a phone number is given), its conversation on the business number (opened when new) and its marketing consent. The
 * commands join the caller's unit of work and transaction; many recipients cost one read and at most one batch per
 * lookup table, plus one command for each phone number and each new conversation.
 */
@Component
public class SendPreparation {

    /** Where a message to one recipient goes, and whether the recipient opted out of marketing. */
    public record PreparedSend(ContactId contactId, ConversationId conversationId, boolean optedOut) {
    }

    private final ContactDirectory directory;
    private final ContactConsent consent;
    private final CommandGateway commands;
    private final GraphApiProperties graph;

    SendPreparation(ContactDirectory directory, ContactConsent consent, CommandGateway commands, GraphApiProperties graph) {
        this.directory = directory;
        this.consent = consent;
        this.commands = commands;
        this.graph = graph;
    }

    /** A send in a conversation we already have, or null when there is no such conversation. */
    public PreparedSend inConversation(ConversationId conversation) {
        ContactDirectory.ConversationOwner owner = directory.owner(conversation);
        return owner == null ? null : new PreparedSend(owner.contactId(), conversation, consent.optedOut(owner.contactId()));
    }

    /** A send to a phone number (digits, international format). */
    public PreparedSend toNumber(String waId, Instant at) {
        return toNumbers(List.of(waId), at).get(waId);
    }

    /** Sends to phone numbers (digits, international format), by number. */
    public Map<String, PreparedSend> toNumbers(Collection<String> waIds, Instant at) {
        Map<String, ContactDirectory.Resolved> contacts = directory.resolveAll(waIds);
        // registered even when the number was linked before: a link whose registration never committed heals here
        contacts.forEach((waId, contact) ->
                commands.sendAndWait(new RegisterContact(contact.contactId(), waId, null, null, at)));
        Map<ContactId, PreparedSend> byContact = toContacts(contacts.values().stream()
                .map(ContactDirectory.Resolved::contactId).toList(), at);
        Map<String, PreparedSend> prepared = new LinkedHashMap<>();
        contacts.forEach((waId, contact) -> prepared.put(waId, byContact.get(contact.contactId())));
        return prepared;
    }

    /** Sends to known contacts, by contact. */
    public Map<ContactId, PreparedSend> toContacts(Collection<ContactId> contacts, Instant at) {
        String phoneNumberId = phoneNumberId();
        Map<ContactId, ContactDirectory.Entered> conversations = directory.conversationsOf(phoneNumberId, contacts);
        conversations.forEach((contact, conversation) -> {
            if (conversation.enteredNow()) {
                commands.sendAndWait(new OpenConversation(conversation.conversationId(), contact, phoneNumberId, at));
            }
        });
        Set<ContactId> optedOut = consent.optedOutAmong(conversations.keySet());
        Map<ContactId, PreparedSend> prepared = new LinkedHashMap<>();
        conversations.forEach((contact, conversation) -> prepared.put(contact,
                new PreparedSend(contact, conversation.conversationId(), optedOut.contains(contact))));
        return prepared;
    }

    private String phoneNumberId() {
        return graph.phoneNumberId() == null || graph.phoneNumberId().isBlank() ? "unknown" : graph.phoneNumberId();
    }
}
