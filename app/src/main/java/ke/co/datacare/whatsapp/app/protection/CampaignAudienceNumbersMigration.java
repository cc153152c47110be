package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.command.campaign.AudienceNumberPayloads;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Flyway migration V174: the campaign events stored while they still named an audience's phone numbers (revision 1
 * of {@code CampaignDrafted}, {@code CampaignDraftUpdated}, {@code CampaignAudienceUploaded},
 * {@code CampaignAudienceResolved}) are rewritten in place to the contact-id form the upcasters read them as, under
 * revision 2 ({@link AudienceNumberPayloads}); so are such events waiting as dead letters. The one exception to
 * "events are forever" (docs/data-protection.md, "Campaign audiences"): the event keeps its id, type, time, sequence
 * and meaning, only the numbers go. A Java migration (a Spring bean Flyway is given), so it runs once, by itself,
 * before anything reads the store; a second run would find nothing of revision 1.
 */
@Component
public class CampaignAudienceNumbersMigration implements JavaMigration {

    private static final String[][] TABLES = {{"domain_event_entry", "global_index"}, {"dead_letter_entry", "dead_letter_id"}};

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("174");
    }

    @Override
    public String getDescription() {
        return "campaign audience events without phone numbers";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException, IOException {
        for (String[] table : TABLES) {
            rewrite(context.getConnection(), table[0], table[1]);
        }
    }

    /** Rewrites the payloads of one table; answers how many. */
    int rewrite(Connection connection, String table, String key) throws SQLException, IOException {
        List<String> types = List.copyOf(AudienceNumberPayloads.types());
        String marks = String.join(", ", Collections.nCopies(types.size(), "?"));
        int rewritten = 0;
        try (PreparedStatement select = connection.prepareStatement("select " + key + ", payload_type, payload_revision, "
                + "payload from " + table + " where payload_type in (" + marks + ")");
             PreparedStatement update = connection.prepareStatement("update " + table + " set payload = ?, "
                     + "payload_revision = ? where " + key + " = ?")) {
            for (int i = 0; i < types.size(); i++) {
                select.setString(i + 1, types.get(i));
            }
            select.setFetchSize(500);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    JsonNode stored = json.readTree(rows.getBytes(4));
                    AudienceNumberPayloads.Rewritten form = stored instanceof ObjectNode payload
                            ? AudienceNumberPayloads.rewrite(rows.getString(2), rows.getString(3), payload) : null;
                    if (form == null) {
                        continue;
                    }
                    update.setBytes(1, json.writeValueAsBytes(form.payload()));
                    update.setString(2, form.revision());
                    update.setObject(3, rows.getObject(1));
                    update.addBatch();
                    if (++rewritten % 500 == 0) {
                        update.executeBatch();
                    }
                }
            }
            update.executeBatch();
        }
        return rewritten;
    }
}
