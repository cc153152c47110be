package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.contact.ContactTagged;
import ke.co.datacare.whatsapp.api.contact.ContactUntagged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The contacts of each tag ({@code contact_tag}) for campaign audiences, kept in the transaction of the tag events
 * by the subscribing {@code command-lookups} processor, so a campaign started right after a tag change sees it.
 */
@Component
@ProcessingGroup("command-lookups")
class ContactTagIndex {

    private final JdbcTemplate jdbc;

    ContactTagIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContactTagged event) {
        jdbc.update("insert into contact_tag (contact_id, tag) select ?, ? where not exists "
                        + "(select 1 from contact_tag where contact_id = ? and tag = ?)",
                event.contactId().value(), event.tag(), event.contactId().value(), event.tag());
    }

    @EventHandler
    void on(ContactUntagged event) {
        jdbc.update("delete from contact_tag where contact_id = ? and tag = ?", event.contactId().value(), event.tag());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from contact_tag");
    }
}
