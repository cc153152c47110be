package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which contact an identity belongs to, and which contact and number a conversation belongs to. Identities seen together are linked to one contact; a new
 * contact's id is derived from its business-scoped user id when Meta sends one, else from its phone
 * number. Written in the dispatcher's transaction, so a rolled-back batch leaves no stray link.
 */
@org.springframework.stereotype.Component
public class ContactDirectory {

    private final JdbcTemplate jdbc;
    private final Map<String, ContactId> known = new ConcurrentHashMap<>();

    public ContactDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record ConversationOwner(ContactId contactId, String phoneNumberId) {
    }

    private final Map<String, ConversationOwner> conversations = new ConcurrentHashMap<>();

    /** The conversation of a contact on a business number, remembered so the send path can find its contact. */
    public ConversationId conversationOf(String phoneNumberId, ContactId contact) {
        ConversationId conversation = idOfConversation(phoneNumberId, contact);
        if (!conversations.containsKey(conversation.value()) && owner(conversation) == null) {
            jdbc.update("insert into conversation_directory (conversation_id, contact_id, phone_number_id) values (?, ?, ?)",
                    conversation.value(), contact.value(), phoneNumberId);
            conversations.put(conversation.value(), new ConversationOwner(contact, phoneNumberId));
        }
        return conversation;
    }

    /** The id of the one conversation between a business number and a contact (derived: nothing is looked up). */
    public static ConversationId idOfConversation(String phoneNumberId, ContactId contact) {
        return ConversationId.derivedFrom(phoneNumberId + "|" + contact.value());
    }

    public ConversationOwner owner(ConversationId conversation) {
        ConversationOwner cached = conversations.get(conversation.value());
        if (cached != null) {
            return cached;
        }
        List<ConversationOwner> found = jdbc.query("select contact_id, phone_number_id from conversation_directory "
                + "where conversation_id = ?", (rs, i) -> new ConversationOwner(ContactId.of(rs.getString(1)),
                rs.getString(2)), conversation.value());
        if (found.isEmpty()) {
            return null;
        }
        conversations.put(conversation.value(), found.get(0));
        return found.get(0);
    }

    public ContactId resolve(String waId, String userId) {
        String userKey = present(userId) ? IdentityType.USER_ID.key(userId) : null;
        String waKey = present(waId) ? IdentityType.WA_ID.key(waId) : null;
        ContactId contact = lookup(userKey);
        if (contact == null) {
            contact = lookup(waKey);
        }
        if (contact == null) {
            contact = ContactId.derivedFrom(userKey != null ? userKey : waKey);
        }
        link(userKey, contact);
        link(waKey, contact);
        return contact;
    }

    /** The contact a phone number belongs to, or null when it is nobody's yet. */
    public ContactId contactOfWaId(String waId) {
        return present(waId) ? lookup(IdentityType.WA_ID.key(waId)) : null;
    }

    /** Whether a contact with this id was ever registered (it has an identity). */
    public boolean known(ContactId contact) {
        Integer identities = jdbc.queryForObject("select count(*) from contact_identity where contact_id = ?",
                Integer.class, contact.value());
        return identities != null && identities > 0;
    }

    private final Map<ContactId, String> registered = new ConcurrentHashMap<>();

    /**
     * Whether a RegisterContact command would change anything: a contact this instance registered with
     * the same identities and profile name needs no second command (the aggregate would ignore it).
     */
    public boolean needsRegistration(ContactId contact, String waId, String userId, String profileName) {
        return !String.valueOf(waId + "|" + userId + "|" + profileName).equals(registered.get(contact));
    }

    public void registered(ContactId contact, String waId, String userId, String profileName) {
        registered.put(contact, waId + "|" + userId + "|" + profileName);
    }

    /** Forget what was cached, after a rolled-back batch. */
    public void forgetCached() {
        known.clear();
        conversations.clear();
        registered.clear();
    }

    private ContactId lookup(String key) {
        if (key == null) {
            return null;
        }
        ContactId cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> found = jdbc.queryForList("select contact_id from contact_identity where identity = ?",
                String.class, key);
        if (found.isEmpty()) {
            return null;
        }
        ContactId contact = ContactId.of(found.get(0));
        known.put(key, contact);
        return contact;
    }

    private void link(String key, ContactId contact) {
        if (key == null || lookup(key) != null) {
            return;
        }
        jdbc.update("insert into contact_identity (identity, contact_id) values (?, ?)", key, contact.value());
        known.put(key, contact);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
