package ke.co.datacare.whatsapp.command.campaign;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Contacts by tag, for audiences, from a {@code contact_tag (contact_id, tag)} table once the contact model has
 * tags. Until that table exists, tags are not supported and a campaign that names one is refused.
 */
@Component
class ContactTags {

    private final JdbcTemplate jdbc;
    private volatile Boolean supported;

    ContactTags(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean supported() {
        if (!Boolean.TRUE.equals(supported)) {
            Integer tables = jdbc.queryForObject("select count(*) from information_schema.tables "
                    + "where lower(table_name) = 'contact_tag'", Integer.class);
            supported = tables != null && tables > 0;
        }
        return supported;
    }

    List<String> contactsTagged(String tag) {
        return jdbc.queryForList("select contact_id from contact_tag where tag = ? order by contact_id", String.class, tag);
    }
}
