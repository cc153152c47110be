package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.command.config.SqlDialect;
import ke.co.datacare.whatsapp.command.config.TransactionScoped;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Which contact an identity belongs to, and which contact and number a conversation belongs to. Identities seen
 * together are linked to one contact; a new contact's id is derived (keyed, {@link ContactIdDerivation}) from its
 * business-scoped user id when Meta sends one, else from its phone number. A contact first seen before ids were keyed
 * keeps its unkeyed id: it is found by its identities here, never derived again. Written in the caller's
 * transaction, so a rolled-back batch leaves no stray link, and what it added to the caches is forgotten with it.
 */
@org.springframework.stereotype.Component
public class ContactDirectory {

    private final JdbcTemplate jdbc;
    private final ContactIdDerivation ids;
    /**
     * Identities this instance looked up or linked, kept {@link #KNOWN_FOR}: a contact erased on another instance loses
     * its identities there, and this instance must stop sending its number's messages to the erased id within that
     * time (as it stops reading its data when the cached data key lapses).
     */
    private final Map<String, ContactId> known;

    static final Duration KNOWN_FOR = Duration.ofSeconds(30);
    private final TransactionScoped<Added> addedNow = new TransactionScoped<>(Added::new, (added, committed) -> {
        if (!committed) {
            added.forget();
        }
    });

    @Autowired
    public ContactDirectory(JdbcTemplate jdbc, ContactIdDerivation ids) {
        this(jdbc, ids, Ticker.systemTicker());
    }

    /** A directory whose cached identities age by {@code ticker} (tests of another instance's erasure). */
    public ContactDirectory(JdbcTemplate jdbc, ContactIdDerivation ids, Ticker ticker) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.known = Caffeine.newBuilder().expireAfterWrite(KNOWN_FOR).maximumSize(500_000).ticker(ticker)
                .<String, ContactId>build().asMap();
    }

    public record ConversationOwner(ContactId contactId, String phoneNumberId) {
    }

    private final Map<String, ConversationOwner> conversations = new ConcurrentHashMap<>();

    /** The conversation of a contact on a business number, remembered so the send path can find its contact. */
    public ConversationId conversationOf(String phoneNumberId, ContactId contact) {
        ConversationId conversation = idOfConversation(phoneNumberId, contact);
        if (!conversations.containsKey(conversation.value()) && owner(conversation) == null) {
            enterConversations(List.<Object[]>of(new Object[]{conversation.value(), contact.value(), phoneNumberId}));
            rememberConversation(conversation.value(), new ConversationOwner(contact, phoneNumberId));
        }
        return conversation;
    }

    /** The id of the one conversation between a business number and a contact (derived: nothing is looked up). */
    public static ConversationId idOfConversation(String phoneNumberId, ContactId contact) {
        return ConversationId.derivedFrom(phoneNumberId + "|" + contact.value());
    }

    /** A contact of a phone number, and whether this call linked the number to it. */
    public record Resolved(ContactId contactId, boolean linkedNow) {
    }

    /** A contact's conversation on a business number, and whether this call entered it (so it is new). */
    public record Entered(ConversationId conversationId, boolean enteredNow) {
    }

    private static final int CHUNK = 500;

    /**
     * {@link #resolve} for many phone numbers at once: one read for the numbers already known, one batch for the new
     * links (contact ids derived from the numbers), in the caller's transaction.
     */
    public Map<String, Resolved> resolveAll(Collection<String> waIds) {
        Map<String, Resolved> resolved = new LinkedHashMap<>();
        List<String> keys = waIds.stream().filter(ContactDirectory::present).distinct().map(IdentityType.WA_ID::key).toList();
        Map<String, ContactId> found = new LinkedHashMap<>();
        for (String key : keys) {
            ContactId cached = known.get(key);
            if (cached != null) {
                found.put(key, cached);
            }
        }
        for (List<String> chunk : chunks(keys.stream().filter(key -> !found.containsKey(key)).toList())) {
            jdbc.query("select identity, contact_id from contact_identity where identity in (" + marks(chunk) + ")",
                    rs -> {
                        found.put(rs.getString(1), ContactId.of(rs.getString(2)));
                    }, chunk.toArray());
        }
        List<Object[]> links = new ArrayList<>();
        Set<String> taken = claimedAmong(keys.stream().filter(key -> !found.containsKey(key))
                .map(key -> ids.derive(key).value()).toList());
        for (String key : keys) {
            String waId = key.substring(IdentityType.WA_ID.key("").length());
            ContactId known = found.get(key);
            if (known != null) {
                rememberIdentity(key, known);
                resolved.put(waId, new Resolved(known, false));
            } else {
                ContactId derived = ids.derive(key);
                ContactId contact = taken.contains(derived.value()) ? unclaimed(key) : derived;
                links.add(new Object[]{key, contact.value()});
                resolved.put(waId, new Resolved(contact, true));
            }
        }
        if (!links.isEmpty()) {
            // an API send and the webhook dispatcher may link a new number at once: the same derived contact
            jdbc.batchUpdate("insert into contact_identity (identity, contact_id) values (?, ?)"
                    + (postgres() ? " on conflict (identity) do nothing" : ""), links);
            links.forEach(link -> rememberIdentity((String) link[0], ContactId.of((String) link[1])));
        }
        return resolved;
    }

    /**
     * {@link #conversationOf} for many contacts at once: one read for the conversations already entered, one batch
     * for the new ones, in the caller's transaction.
     */
    public Map<ContactId, Entered> conversationsOf(String phoneNumberId, Collection<ContactId> contacts) {
        Map<ContactId, Entered> entered = new LinkedHashMap<>();
        Map<String, ContactId> byConversation = new LinkedHashMap<>();
        contacts.forEach(contact -> byConversation.put(
                idOfConversation(phoneNumberId, contact).value(), contact));
        List<String> unknown = byConversation.keySet().stream().filter(id -> !conversations.containsKey(id)).toList();
        Set<String> existing = new HashSet<>(byConversation.keySet());
        existing.removeAll(unknown);
        for (List<String> chunk : chunks(unknown)) {
            existing.addAll(jdbc.queryForList("select conversation_id from conversation_directory where conversation_id in ("
                    + marks(chunk) + ")", String.class, chunk.toArray()));
        }
        List<Object[]> rows = new ArrayList<>();
        byConversation.forEach((conversation, contact) -> {
            boolean isNew = !existing.contains(conversation);
            if (isNew) {
                rows.add(new Object[]{conversation, contact.value(), phoneNumberId});
                rememberConversation(conversation, new ConversationOwner(contact, phoneNumberId));
            }
            entered.put(contact, new Entered(ConversationId.of(conversation), isNew));
        });
        if (!rows.isEmpty()) {
            enterConversations(rows);
        }
        return entered;
    }

    /**
     * Enters conversations (id, contact, number). The id is derived from the contact and number, so a row another
     * writer entered first (the webhook dispatcher and an API send meeting on a new customer) is the same row: on
     * PostgreSQL it is kept without failing the transaction; the embedded database has one writer process.
     */
    private void enterConversations(List<Object[]> rows) {
        jdbc.batchUpdate("insert into conversation_directory (conversation_id, contact_id, phone_number_id) values (?, ?, ?)"
                + (postgres() ? " on conflict (conversation_id) do nothing" : ""), rows);
    }

    private volatile Boolean postgres;

    private boolean postgres() {
        if (postgres == null) {
            postgres = jdbc.execute((ConnectionCallback<Boolean>) SqlDialect::isPostgres);
        }
        return postgres;
    }

    private static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += CHUNK) {
            chunks.add(values.subList(from, Math.min(values.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static String marks(List<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
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
        rememberConversation(conversation.value(), found.get(0));
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
            contact = unclaimed(userKey != null ? userKey : waKey);
        }
        link(userKey, contact);
        link(waKey, contact);
        return contact;
    }

    /**
     * The id of a new contact first seen with this identity: derived from it, so concurrent deliveries meet on one
     * aggregate, unless that id already belongs to somebody: a number given up by a customer who moved to another
     * one ({@link #moveNumber}) and now written from someone else's phone, or the number of an erased contact (its id
     * is retired, {@link #forgetIdentities}). Then the next id of the same derivation, which nobody can link to the
     * first without the key.
     */
    private ContactId unclaimed(String key) {
        ContactId candidate = ids.derive(key);
        for (int generation = 2; claimed(candidate); generation++) {
            candidate = ids.derive(key + "#" + generation);
        }
        return candidate;
    }

    /** Which of these contact ids already have an identity or were erased, in one read per chunk. */
    private Set<String> claimedAmong(List<String> contactIds) {
        Set<String> taken = new HashSet<>();
        for (List<String> chunk : chunks(contactIds)) {
            taken.addAll(jdbc.queryForList("select contact_id from contact_identity where contact_id in ("
                    + marks(chunk) + ") union select contact_id from retired_contact_id where contact_id in ("
                    + marks(chunk) + ")", String.class, twice(chunk)));
        }
        return taken;
    }

    private boolean claimed(ContactId contact) {
        return !claimedAmong(List.of(contact.value())).isEmpty();
    }

    private static Object[] twice(List<String> values) {
        List<String> both = new ArrayList<>(values);
        both.addAll(values);
        return both.toArray();
    }

    /**
     * The contact of a business-scoped user id or phone number as this instance remembers it, without asking the
     * database; null when it does not remember it (which does not mean it is nobody's).
     */
    public ContactId rememberedContactOf(String waId, String userId) {
        ContactId contact = present(userId) ? known.get(IdentityType.USER_ID.key(userId)) : null;
        return contact != null || !present(waId) ? contact : known.get(IdentityType.WA_ID.key(waId));
    }

    /** The contact a phone number belongs to, or null when it is nobody's yet. */
    public ContactId contactOfWaId(String waId) {
        return present(waId) ? lookup(IdentityType.WA_ID.key(waId)) : null;
    }

    /** The contact a phone number or business-scoped user id belongs to, or null when it is nobody's yet. */
    public ContactId contactOf(String whatsAppId) {
        return present(whatsAppId) ? lookup(IdentityType.of(whatsAppId).key(whatsAppId)) : null;
    }

    /** Whether a contact with this id was ever registered (it has an identity). */
    public boolean known(ContactId contact) {
        Integer identities = jdbc.queryForObject("select count(*) from contact_identity where contact_id = ?",
                Integer.class, contact.value());
        return identities != null && identities > 0;
    }

    private final Map<ContactId, RegisterContact> registered = new ConcurrentHashMap<>();

    /**
     * Whether a RegisterContact command would change anything: a contact this instance registered with the same
     * identities, profile name and username needs no second command (the aggregate would ignore it).
     */
    public boolean needsRegistration(RegisterContact registration) {
        RegisterContact earlier = registered.get(registration.contactId());
        return earlier == null || !Objects.equals(earlier.waId(), registration.waId())
                || !Objects.equals(earlier.userId(), registration.userId())
                || !Objects.equals(earlier.profileName(), registration.profileName())
                || !Objects.equals(earlier.username(), registration.username())
                || !Objects.equals(earlier.parentUserId(), registration.parentUserId());
    }

    public void registered(RegisterContact registration) {
        registered.put(registration.contactId(), registration);
        Added added = addedNow.current();
        if (added != null) {
            added.registrations.add(registration.contactId());
        }
    }

    /**
     * The customer moved from one phone number to another (Meta's {@code user_changed_number}): the new number
     * leads to the contact from now on, and the old one to nobody, so whoever is given it later becomes a new contact
     * (see {@link #resolve}). A new number that belonged to another contact moves over. Answers that other contact,
     * or null.
     */
    public ContactId moveNumber(ContactId contact, String oldWaId, String newWaId) {
        String oldKey = IdentityType.WA_ID.key(oldWaId);
        String newKey = IdentityType.WA_ID.key(newWaId);
        jdbc.update("delete from contact_identity where identity = ? and contact_id = ?", oldKey, contact.value());
        known.remove(oldKey);
        ContactId previous = lookup(newKey);
        if (previous == null) {
            jdbc.update("insert into contact_identity (identity, contact_id) values (?, ?)", newKey, contact.value());
        } else if (!previous.equals(contact)) {
            jdbc.update("update contact_identity set contact_id = ? where identity = ?", contact.value(), newKey);
            registered.remove(previous);
        }
        rememberIdentity(newKey, contact);
        registered.remove(contact);
        return previous == null || previous.equals(contact) ? null : previous;
    }

    /** The conversations of a contact, on every business number. */
    public List<ConversationId> conversationsOfContact(ContactId contact) {
        return jdbc.queryForList("select conversation_id from conversation_directory where contact_id = ?",
                String.class, contact.value()).stream().map(ConversationId::of).toList();
    }

    /**
     * Hands every contact id the directory knows, and every conversation id with its contact's, to {@code each}
     * ({@code conversation} null for a contact alone), streamed: erased contacts included, whose conversations stay.
     */
    public void eachSubject(BiConsumer<ContactId, ConversationId> each) {
        jdbc.query("select contact_id, conversation_id from conversation_directory", rs -> {
            each.accept(ContactId.of(rs.getString(1)), ConversationId.of(rs.getString(2)));
        });
        jdbc.query("select distinct contact_id from contact_identity union select contact_id from retired_contact_id",
                rs -> {
                    each.accept(ContactId.of(rs.getString(1)), null);
                });
    }

    /**
     * Forgets the contact's identities (phone numbers, business-scoped ids), for its erasure, and retires its id: a
     * later message from the same number starts a new contact under the next id of the derivation, not this one.
     * Answers the identities forgotten ({@code wa_id:...}, {@code user_id:...}).
     */
    public List<String> forgetIdentities(ContactId contact) {
        List<String> identities = jdbc.queryForList("delete from contact_identity where contact_id = ? returning identity",
                String.class, contact.value());
        jdbc.update("insert into retired_contact_id (contact_id) select ? where not exists "
                + "(select 1 from retired_contact_id where contact_id = ?)", contact.value(), contact.value());
        known.values().removeIf(contact::equals);
        registered.remove(contact);
        return identities;
    }

    /**
     * Forget everything cached. A rolled-back transaction needs no call: what it added is forgotten with it
     * ({@link Added}).
     */
    public void forgetCached() {
        known.clear();
        conversations.clear();
        registered.clear();
    }

    private void rememberIdentity(String key, ContactId contact) {
        known.put(key, contact);
        Added added = addedNow.current();
        if (added != null) {
            added.identities.add(key);
        }
    }

    private void rememberConversation(String conversation, ConversationOwner owner) {
        conversations.put(conversation, owner);
        Added added = addedNow.current();
        if (added != null) {
            added.conversations.add(conversation);
        }
    }

    /**
     * What one transaction added to the caches, forgotten when it does not commit: a link, a conversation or a
     * registration rolled back must not be found here (a send would take the conversation for opened, the dispatcher
     * the contact for registered). Entries the transaction only read are forgotten too, which costs a look-up, never a
     * wrong answer.
     */
    private final class Added {
        private final List<String> identities = new ArrayList<>();
        private final List<String> conversations = new ArrayList<>();
        private final List<ContactId> registrations = new ArrayList<>();

        void forget() {
            identities.forEach(known::remove);
            conversations.forEach(ContactDirectory.this.conversations::remove);
            registrations.forEach(registered::remove);
        }
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
        rememberIdentity(key, contact);
        return contact;
    }

    private void link(String key, ContactId contact) {
        if (key == null || lookup(key) != null) {
            return;
        }
        jdbc.update("insert into contact_identity (identity, contact_id) values (?, ?)", key, contact.value());
        rememberIdentity(key, contact);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
