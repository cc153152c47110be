package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Marketing consent per contact for the send path, updated synchronously (a subscribing processor) in
 * the same transaction as the contact's opt-out events, so a send right after a STOP already sees it.
 */
@Component
@ProcessingGroup(ContactConsent.GROUP)
public class ContactConsent {

    static final String GROUP = "command-lookups";

    private final JdbcTemplate jdbc;

    ContactConsent(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean optedOut(ContactId contact) {
        return Boolean.TRUE.equals(jdbc.query("select opted_out from contact_consent where contact_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, contact.value()));
    }

    /** Of these contacts, those who opted out. */
    Set<ContactId> optedOutAmong(Collection<ContactId> contacts) {
        Set<ContactId> optedOut = new HashSet<>();
        List<String> ids = contacts.stream().map(ContactId::value).distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.queryForList("select contact_id from contact_consent where opted_out = true and contact_id in ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", String.class, chunk.toArray())
                    .forEach(id -> optedOut.add(ContactId.of(id)));
        }
        return optedOut;
    }

    @EventHandler
    void on(ContactOptedOut event) {
        set(event.contactId(), true);
    }

    @EventHandler
    void on(ContactOptedIn event) {
        set(event.contactId(), false);
    }

    private void set(ContactId contact, boolean optedOut) {
        if (jdbc.update("update contact_consent set opted_out = ? where contact_id = ?", optedOut, contact.value()) == 0) {
            jdbc.update("insert into contact_consent (contact_id, opted_out) values (?, ?)", contact.value(), optedOut);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from contact_consent");
    }
}
