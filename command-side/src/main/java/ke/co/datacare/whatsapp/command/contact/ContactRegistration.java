package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers many phone numbers as contacts at once, in the caller's unit of work and transaction: one read and one
 * batch of links in the contact directory ({@link ContactDirectory#resolveAll}, ids derived from the numbers), then a
 * {@link RegisterContact} only for the numbers this call linked (their events are appended together when the unit of
 * work commits), whose data keys are made together first ({@link NewContactKeys}: one statement per batch, not one
 * each when the events are sealed). A number that is a contact already costs no command. Used where many numbers arrive at once (a
 * campaign's audience), so the events that follow can name contact ids instead of numbers.
 */
@Component
public class ContactRegistration {

    private final ContactDirectory directory;
    private final CommandGateway commands;
    private final ObjectProvider<NewContactKeys> keys;

    ContactRegistration(ContactDirectory directory, CommandGateway commands, ObjectProvider<NewContactKeys> keys) {
        this.directory = directory;
        this.commands = commands;
        this.keys = keys;
    }

    /** The contact of each phone number (digits, international format), registering the new ones; by number. */
    public Map<String, ContactId> registerAll(Collection<String> waIds, Instant at) {
        Map<String, ContactId> contacts = new LinkedHashMap<>();
        Map<String, ContactDirectory.Resolved> resolved = directory.resolveAll(waIds);
        List<String> linkedNow = resolved.values().stream().filter(ContactDirectory.Resolved::linkedNow)
                .map(contact -> contact.contactId().value()).toList();
        keys.ifAvailable(newKeys -> newKeys.prepareFor(linkedNow));
        resolved.forEach((waId, contact) -> {
            if (contact.linkedNow()) {
                commands.sendAndWait(new RegisterContact(contact.contactId(), waId, null, null, at));
            }
            contacts.put(waId, contact.contactId());
        });
        return contacts;
    }
}
