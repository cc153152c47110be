package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.protection.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Erasure of a contact from the dispatcher's record of what we sent it ({@code outbound_message}): the content
 * becomes an erased text (still readable, so nothing that reads the row jams on it) and Meta's message ids, which
 * encode the contact's number, read "erased". The rows stay, with their attempts and times. Called in the erasing
 * transaction; doing it again changes nothing.
 */
@Component
public class OutboundMessageErasure {

    static final String ERASED_CONTENT = "{\"type\":\"text\",\"body\":\"" + PersonalData.ERASED + "\",\"previewUrl\":false}";

    private final JdbcTemplate jdbc;

    public OutboundMessageErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Anonymises the contact's rows; answers how many changed. */
    public int anonymise(ContactId contact) {
        return jdbc.update("update outbound_message set content_json = ?, "
                        + "wamid = case when wamid is null then null else ? end, "
                        + "reply_to_wamid = case when reply_to_wamid is null then null else ? end "
                        + "where contact_id = ? and content_json <> ?",
                ERASED_CONTENT, PersonalData.ERASED, PersonalData.ERASED, contact.value(), ERASED_CONTENT);
    }
}
