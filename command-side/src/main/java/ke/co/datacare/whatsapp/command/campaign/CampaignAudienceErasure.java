package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Erasure of a contact from the campaign audiences kept here: its recipient rows ({@code campaign_recipient}) keep
 * their state, reason and message, so a campaign's counts stay the same, but no longer name its number; the phone
 * entries of audiences not resolved yet ({@code campaign_audience_entry}) that are its number read "erased" (and so
 * resolve as an invalid number, never reaching anyone). Called in the erasing transaction; doing it again changes
 * nothing.
 */
@Component
public class CampaignAudienceErasure {

    private final JdbcTemplate jdbc;

    public CampaignAudienceErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Anonymises the rows of the contact and of its numbers (digits, as in {@code wa_id}); answers how many. */
    public int anonymise(ContactId contact, Collection<String> waIds) {
        int rows = jdbc.update("update campaign_recipient set entry = ?, wa_id = null where contact_id = ? "
                + "and (entry <> ? or wa_id is not null)", PersonalData.ERASED, contact.value(), PersonalData.ERASED);
        for (String waId : waIds) {
            rows += jdbc.update("update campaign_audience_entry set entry = ? where kind = 'phone' "
                    + "and regexp_replace(entry, '[^0-9]', '', 'g') = ?", PersonalData.ERASED, waId);
        }
        return rows;
    }
}
