package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeRemoved;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeSet;
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
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static ke.co.datacare.whatsapp.query.batch.BatchWrites.timestamp;

/**
 * The contacts as the inbox and the contact list show them: identities, profile name, username, opt-out, tags and custom
 * attributes. Every write is idempotent: a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
class ContactViewProjection {

    /** The tables this projection owns: nobody else writes or reads them by SQL. */
    static final List<String> TABLES = List.of("contact_view", "contact_view_tag", "contact_view_attribute");

    private final JdbcTemplate jdbc;

    ContactViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContactRegistered event) {
        String contact = event.contactId().value();
        change(batch -> batch.contacts.add(INSERT_CONTACT, contact, timestamp(event.at()), contact));
    }

    @EventHandler
    void on(ContactFirstSeen event) {
        String contact = event.contactId().value();
        change(batch -> {
            batch.contacts.add(INSERT_CONTACT, contact, timestamp(event.at()), contact);
            if (event.waId() != null) {
                batch.contacts.add(SET_WA_ID, event.waId(), contact);
            }
            if (event.userId() != null) {
                batch.contacts.add(SET_USER_ID, event.userId(), contact);
            }
            if (event.profileName() != null) {
                batch.contacts.add(SET_PROFILE_NAME, event.profileName(), contact);
            }
        });
    }

    @EventHandler
    void on(ContactIdentityLinked event) {
        String column = switch (event.type()) {
            case WA_ID -> SET_WA_ID;
            case USER_ID -> SET_USER_ID;
            case PARENT_USER_ID -> SET_PARENT_USER_ID;
        };
        change(batch -> batch.contacts.add(column, event.identity(), event.contactId().value()));
    }

    /** A released number stops showing, unless the contact was already shown with its new one. */
    @EventHandler
    void on(ContactIdentityReleased event) {
        if (event.type() == IdentityType.WA_ID) {
            change(batch -> batch.contacts.add(RELEASE_WA_ID, event.contactId().value(), event.identity()));
        }
    }

    @EventHandler
    void on(ContactUsernameChanged event) {
        change(batch -> batch.contacts.add(SET_USERNAME, event.username(), event.contactId().value()));
    }

    @EventHandler
    void on(ContactProfileNameChanged event) {
        change(batch -> batch.contacts.add(SET_PROFILE_NAME, event.profileName(), event.contactId().value()));
    }

    @EventHandler
    void on(ContactOptedOut event) {
        change(batch -> batch.contacts.add(SET_OPTED_OUT, true, event.contactId().value()));
    }

    @EventHandler
    void on(ContactOptedIn event) {
        change(batch -> batch.contacts.add(SET_OPTED_OUT, false, event.contactId().value()));
    }

    @EventHandler
    void on(ContactTagged event) {
        change(batch -> batch.tags.put(List.of(event.contactId().value(), event.tag()), true));
    }

    @EventHandler
    void on(ContactUntagged event) {
        change(batch -> batch.tags.put(List.of(event.contactId().value(), event.tag()), false));
    }

    @EventHandler
    void on(ContactAttributeSet event) {
        change(batch -> batch.attributes.put(List.of(event.contactId().value(), event.name()),
                Optional.of(event.value())));
    }

    @EventHandler
    void on(ContactAttributeRemoved event) {
        change(batch -> batch.attributes.put(List.of(event.contactId().value(), event.name()), Optional.empty()));
    }

    @EventHandler
    void on(ContactErased event) {
        change(batch -> {
            batch.contacts.add(ERASE_CONTACT, event.contactId().value());
            batch.contacts.add(ERASE_ATTRIBUTES, event.contactId().value());
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from contact_view_attribute");
        jdbc.update("delete from contact_view_tag");
        jdbc.update("delete from contact_view");
    }

    private void change(java.util.function.Consumer<Batch> change) {
        Batch batch = BatchWrites.current(KEY, () -> new Batch(jdbc));
        change.accept(batch);
        BatchWrites.done(batch);
    }

    private static final String KEY = ContactViewProjection.class.getName();
    private static final String INSERT_CONTACT = "insert into contact_view (contact_id, created_at) select ?, ? "
            + "where not exists (select 1 from contact_view where contact_id = ?)";
    private static final String SET_WA_ID = "update contact_view set wa_id = ? where contact_id = ?";
    private static final String SET_USER_ID = "update contact_view set user_id = ? where contact_id = ?";
    private static final String SET_PROFILE_NAME = "update contact_view set profile_name = ? where contact_id = ?";
    private static final String SET_USERNAME = "update contact_view set username = ? where contact_id = ?";
    private static final String SET_PARENT_USER_ID = "update contact_view set parent_user_id = ? where contact_id = ?";
    private static final String RELEASE_WA_ID = "update contact_view set wa_id = null where contact_id = ? and wa_id = ?";
    private static final String SET_OPTED_OUT = "update contact_view set opted_out = ? where contact_id = ?";
    private static final String ERASE_CONTACT = "update contact_view set wa_id = 'erased', user_id = case when user_id "
            + "is null then null else 'erased' end, profile_name = case when profile_name is null then null else "
            + "'erased' end, username = case when username is null then null else 'erased' end, parent_user_id = "
            + "case when parent_user_id is null then null else 'erased' end where contact_id = ?";
    private static final String ERASE_ATTRIBUTES = "update contact_view_attribute set attribute_value = 'erased' "
            + "where contact_id = ?";

    /**
     * What one batch of events changes: contacts (inserted, then columns set, in event order per column), their tags
     * and attributes (as they end up).
     */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final BatchWrites.Statements contacts = new BatchWrites.Statements(INSERT_CONTACT, RELEASE_WA_ID, SET_WA_ID,
                SET_USER_ID, SET_PARENT_USER_ID, SET_PROFILE_NAME, SET_USERNAME, SET_OPTED_OUT, ERASE_CONTACT,
                ERASE_ATTRIBUTES);
        private final Map<List<String>, Boolean> tags = new LinkedHashMap<>();
        private final Map<List<String>, Optional<String>> attributes = new LinkedHashMap<>();

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public boolean writesOnlyStatements() {
            return true;
        }

        @Override
        public void flush() {
            contacts.execute(jdbc);
            List<Object[]> tagInserts = new ArrayList<>();
            List<Object[]> tagDeletes = new ArrayList<>();
            tags.forEach((key, present) -> (present ? tagInserts : tagDeletes).add(present
                    ? new Object[]{key.get(0), key.get(1), key.get(0), key.get(1)} : new Object[]{key.get(0), key.get(1)}));
            BatchWrites.executeAll(jdbc, "delete from contact_view_tag where contact_id = ? and tag = ?", tagDeletes);
            BatchWrites.executeAll(jdbc, "insert into contact_view_tag (contact_id, tag) select ?, ? where not exists "
                    + "(select 1 from contact_view_tag where contact_id = ? and tag = ?)", tagInserts);
            List<Object[]> attributeUpdates = new ArrayList<>();
            List<Object[]> attributeInserts = new ArrayList<>();
            List<Object[]> attributeDeletes = new ArrayList<>();
            attributes.forEach((key, value) -> {
                if (value.isPresent()) {
                    attributeUpdates.add(new Object[]{value.get(), key.get(0), key.get(1)});
                    attributeInserts.add(new Object[]{key.get(0), key.get(1), value.get()});
                } else {
                    attributeDeletes.add(new Object[]{key.get(0), key.get(1)});
                }
            });
            BatchWrites.executeAll(jdbc, "delete from contact_view_attribute where contact_id = ? and attribute_name = ?",
                    attributeDeletes);
            int[] updated = BatchWrites.executeAll(jdbc, "update contact_view_attribute set attribute_value = ? "
                    + "where contact_id = ? and attribute_name = ?", attributeUpdates);
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(attributeInserts.get(i));
                }
            }
            BatchWrites.executeAll(jdbc, "insert into contact_view_attribute (contact_id, attribute_name, attribute_value) "
                    + "values (?, ?, ?)", missing);
            tags.clear();
            attributes.clear();
        }
    }
}
