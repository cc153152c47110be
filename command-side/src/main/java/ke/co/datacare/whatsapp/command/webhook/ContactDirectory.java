package ke.co.datacare.whatsapp.command.webhook;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which contact an identity belongs to. Identities seen together are linked to one contact; a new
 * contact's id is derived from its business-scoped user id when Meta sends one, else from its phone
 * number. Written in the dispatcher's transaction, so a rolled-back batch leaves no stray link.
 */
class ContactDirectory {

    private final JdbcTemplate jdbc;
    private final Map<String, ContactId> known = new ConcurrentHashMap<>();

    ContactDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ContactId resolve(WebhookItem.Sender sender) {
        String userKey = present(sender.userId()) ? IdentityType.USER_ID.key(sender.userId()) : null;
        String waKey = present(sender.waId()) ? IdentityType.WA_ID.key(sender.waId()) : null;
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

    /** Forget what was cached, after a rolled-back batch. */
    void forgetCached() {
        known.clear();
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
