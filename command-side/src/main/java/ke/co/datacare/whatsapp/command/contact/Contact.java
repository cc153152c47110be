package ke.co.datacare.whatsapp.command.contact;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactRegistered;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.contact.RecordOptIn;
import ke.co.datacare.whatsapp.api.contact.RecordOptOut;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A WhatsApp user we talk to: the identities Meta knows them by (phone number and/or business-scoped
 * user id, linked when seen together), their profile name and their marketing opt-out.
 */
@Aggregate(cache = "contactCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Contact {

    @AggregateIdentifier
    private ContactId contactId;
    private Set<String> identities = new HashSet<>();
    private String profileName;
    private boolean optedOut;

    Contact() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterContact command) {
        if (contactId == null) {
            apply(new ContactRegistered(command.contactId(), command.seenAt()));
        }
        linkIfNew(IdentityType.WA_ID, command.waId(), command);
        linkIfNew(IdentityType.USER_ID, command.userId(), command);
        if (command.profileName() != null && !command.profileName().isBlank()
                && !Objects.equals(profileName, command.profileName())) {
            apply(new ContactProfileNameChanged(contactId, command.profileName(), command.seenAt()));
        }
    }

    private void linkIfNew(IdentityType type, String identity, RegisterContact command) {
        if (identity != null && !identity.isBlank() && !identities.contains(type.key(identity))) {
            apply(new ContactIdentityLinked(contactId, type, identity, command.seenAt()));
        }
    }

    @CommandHandler
    void handle(RecordOptOut command) {
        if (!optedOut) {
            apply(new ContactOptedOut(contactId, command.source(), command.at()));
        }
    }

    @CommandHandler
    void handle(RecordOptIn command) {
        if (optedOut) {
            apply(new ContactOptedIn(contactId, command.source(), command.at()));
        }
    }

    @EventSourcingHandler
    void on(ContactRegistered event) {
        contactId = event.contactId();
    }

    @EventSourcingHandler
    void on(ContactIdentityLinked event) {
        identities.add(event.type().key(event.identity()));
    }

    @EventSourcingHandler
    void on(ContactProfileNameChanged event) {
        profileName = event.profileName();
    }

    @EventSourcingHandler
    void on(ContactOptedOut event) {
        optedOut = true;
    }

    @EventSourcingHandler
    void on(ContactOptedIn event) {
        optedOut = false;
    }
}
