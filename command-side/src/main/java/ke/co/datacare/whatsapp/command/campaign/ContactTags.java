package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.command.contact.ContactDetailsPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Contacts by tag, for audiences, from the {@code contact_tag} lookup that the contacts' tag events keep (see
 * {@code ContactTagIndex}). A tag is matched as contacts store it: trimmed and lower case.
 */
@Component
class ContactTags {

    private final JdbcTemplate jdbc;

    ContactTags(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> contactsTagged(String tag) {
        String normal = ContactDetailsPolicy.normalTag(tag);
        if (normal == null) {
            return List.of();
        }
        return jdbc.queryForList("select contact_id from contact_tag where tag = ? order by contact_id", String.class, normal);
    }
}
