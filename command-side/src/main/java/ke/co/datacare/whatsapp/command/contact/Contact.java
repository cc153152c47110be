package ke.co.datacare.whatsapp.command.contact;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeRemoved;
import ke.co.datacare.whatsapp.api.contact.ChangeContactNumber;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeSet;
import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.contact.ContactFirstSeen;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityReleased;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactRegistered;
import ke.co.datacare.whatsapp.api.contact.ContactTagged;
import ke.co.datacare.whatsapp.api.contact.ContactUntagged;
import ke.co.datacare.whatsapp.api.contact.ContactUsernameChanged;
import ke.co.datacare.whatsapp.api.contact.EraseContact;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.contact.RecordOptIn;
import ke.co.datacare.whatsapp.api.contact.RecordOptOut;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.api.contact.ReleaseContactNumber;
import ke.co.datacare.whatsapp.api.contact.UpdateContact;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static ke.co.datacare.whatsapp.api.common.Refusal.refuse;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A WhatsApp user we talk to: the identities Meta knows them by (phone number and/or business-scoped
 * user id, linked when seen together; a number given up when the customer moves to another), their profile name and
 * username, their marketing opt-out, and the tags and custom
 * attributes the business gives them ({@link ContactDetailsPolicy}).
 */
@Aggregate(repository = "contactRepository")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Contact {

    @AggregateIdentifier
    private ContactId contactId;
    private Set<String> identities = new HashSet<>();
    private String profileName;
    private String username;
    private boolean optedOut;
    private Set<String> tags = new HashSet<>();
    private Map<String, String> attributes = new HashMap<>();
    private boolean erased;

    Contact() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterContact command) {
        if (contactId == null) {
            apply(new ContactFirstSeen(command.contactId(), presentOrNull(command.waId()),
                    presentOrNull(command.userId()), presentOrNull(command.profileName()), command.seenAt()));
        } else {
            linkIfNew(IdentityType.WA_ID, command.waId(), command);
            linkIfNew(IdentityType.USER_ID, command.userId(), command);
            if (command.profileName() != null && !command.profileName().isBlank()
                    && !Objects.equals(profileName, command.profileName())) {
                apply(new ContactProfileNameChanged(contactId, command.profileName(), command.seenAt()));
            }
        }
        linkIfNew(IdentityType.PARENT_USER_ID, command.parentUserId(), command);
        if (command.username() != null && !command.username().isBlank() && !Objects.equals(username, command.username())) {
            apply(new ContactUsernameChanged(contactId, command.username(), command.seenAt()));
        }
    }

    /** The old number is released and the new one linked; a notice seen again changes nothing. */
    @CommandHandler
    void handle(ChangeContactNumber command) {
        release(command.oldWaId(), command.at());
        if (!identities.contains(IdentityType.WA_ID.key(command.newWaId()))) {
            apply(new ContactIdentityLinked(contactId, IdentityType.WA_ID, command.newWaId(), command.at()));
        }
    }

    @CommandHandler
    void handle(ReleaseContactNumber command) {
        release(command.waId(), command.at());
    }

    private void release(String waId, Instant at) {
        if (identities.contains(IdentityType.WA_ID.key(waId))) {
            apply(new ContactIdentityReleased(contactId, IdentityType.WA_ID, waId, at));
        }
    }

    private static String presentOrNull(String value) {
        return value == null || value.isBlank() ? null : value;
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
            apply(new ContactOptedIn(contactId, command.source(), command.at(), null));
        }
    }

    /**
     * Applies the changes an update makes, all or none: an update that is not valid on its own, or that would leave
     * more than 50 tags or attributes, is refused with {@code INVALID_CONTACT_UPDATE}. Answers the number of changes.
     */
    @CommandHandler
    int handle(UpdateContact command) {
        List<FieldViolation> problems = ContactDetailsPolicy.problemsWith(command);
        if (!problems.isEmpty()) {
            throw invalidUpdate(problems);
        }
        Set<String> untag = new LinkedHashSet<>();
        command.removeTags().stream().map(ContactDetailsPolicy::normalTag).filter(tags::contains).forEach(untag::add);
        Set<String> tag = new LinkedHashSet<>();
        command.addTags().stream().map(ContactDetailsPolicy::normalTag).filter(t -> !tags.contains(t)).forEach(tag::add);
        Set<String> unset = new LinkedHashSet<>();
        command.removeAttributes().stream().filter(attributes::containsKey).forEach(unset::add);
        Map<String, String> set = new LinkedHashMap<>();
        command.setAttributes().forEach((name, value) -> {
            if (!value.equals(attributes.get(name))) {
                set.put(name, value);
            }
        });
        List<FieldViolation> limits = new ArrayList<>();
        if (tags.size() - untag.size() + tag.size() > ContactDetailsPolicy.MAX_TAGS) {
            limits.add(new FieldViolation("tags", "at most " + ContactDetailsPolicy.MAX_TAGS + " tags per contact"));
        }
        long newNames = set.keySet().stream().filter(name -> !attributes.containsKey(name)).count();
        if (attributes.size() - unset.size() + newNames > ContactDetailsPolicy.MAX_ATTRIBUTES) {
            limits.add(new FieldViolation("attributes", "at most " + ContactDetailsPolicy.MAX_ATTRIBUTES
                    + " attributes per contact"));
        }
        if (!limits.isEmpty()) {
            throw invalidUpdate(limits);
        }
        untag.forEach(t -> apply(new ContactUntagged(contactId, t, command.by(), command.at())));
        tag.forEach(t -> apply(new ContactTagged(contactId, t, command.by(), command.at())));
        unset.forEach(name -> apply(new ContactAttributeRemoved(contactId, name, command.by(), command.at())));
        set.forEach((name, value) -> apply(new ContactAttributeSet(contactId, name, value, command.by(), command.at())));
        int changes = untag.size() + tag.size() + unset.size() + set.size();
        if (command.optedOut() != null && command.optedOut() != optedOut) {
            apply(command.optedOut() ? new ContactOptedOut(contactId, command.by(), command.at())
                    : new ContactOptedIn(contactId, command.by(), command.at(), command.reason()));
            changes++;
        }
        return changes;
    }

    /** Erasure forgets the contact's identities, so a later message from the same number links them afresh. */
    @CommandHandler
    void handle(EraseContact command) {
        if (!erased) {
            apply(new ContactErased(contactId, command.conversationIds(), command.reason(), command.by(), command.at()));
        }
    }

    @EventSourcingHandler
    void on(ContactErased event) {
        identities.clear();
        profileName = null;
        username = null;
        tags.clear();
        attributes.clear();
        erased = true;
    }

    private static RuntimeException invalidUpdate(List<FieldViolation> problems) {
        return refuse(ErrorCode.INVALID_CONTACT_UPDATE, "The contact update is not valid; nothing was changed",
                Map.of("errors", List.copyOf(problems)));
    }

    @EventSourcingHandler
    void on(ContactRegistered event) {
        contactId = event.contactId();
    }

    @EventSourcingHandler
    void on(ContactFirstSeen event) {
        contactId = event.contactId();
        if (event.waId() != null) {
            identities.add(IdentityType.WA_ID.key(event.waId()));
        }
        if (event.userId() != null) {
            identities.add(IdentityType.USER_ID.key(event.userId()));
        }
        profileName = event.profileName();
    }

    @EventSourcingHandler
    void on(ContactIdentityLinked event) {
        identities.add(event.type().key(event.identity()));
        erased = false;
    }

    @EventSourcingHandler
    void on(ContactProfileNameChanged event) {
        profileName = event.profileName();
    }

    @EventSourcingHandler
    void on(ContactUsernameChanged event) {
        username = event.username();
    }

    @EventSourcingHandler
    void on(ContactIdentityReleased event) {
        identities.remove(event.type().key(event.identity()));
    }

    @EventSourcingHandler
    void on(ContactOptedOut event) {
        optedOut = true;
    }

    @EventSourcingHandler
    void on(ContactOptedIn event) {
        optedOut = false;
    }

    @EventSourcingHandler
    void on(ContactTagged event) {
        tags.add(event.tag());
    }

    @EventSourcingHandler
    void on(ContactUntagged event) {
        tags.remove(event.tag());
    }

    @EventSourcingHandler
    void on(ContactAttributeSet event) {
        attributes.put(event.name(), event.value());
    }

    @EventSourcingHandler
    void on(ContactAttributeRemoved event) {
        attributes.remove(event.name());
    }
}
