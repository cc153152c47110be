package ke.co.datacare.whatsapp.app.notifications;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What each user wants to be told by email ({@code notification_preference}); everything until they say otherwise. */
@Repository
class NotificationPreferences {

    record Preferences(boolean escalations, boolean slaBreaches, boolean waitingCustomers, boolean campaigns,
                       boolean dailyDigest) {
        static final Preferences ALL = new Preferences(true, true, true, true, true);
    }

    private final JdbcTemplate jdbc;

    NotificationPreferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Preferences of(String userId) {
        return jdbc.query("select * from notification_preference where user_id = ?", (rs, i) -> new Preferences(
                        rs.getBoolean("escalations"), rs.getBoolean("sla_breaches"), rs.getBoolean("waiting_customers"),
                        rs.getBoolean("campaigns"), rs.getBoolean("daily_digest")), userId)
                .stream().findFirst().orElse(Preferences.ALL);
    }

    void save(String userId, Preferences preferences) {
        int updated = jdbc.update("update notification_preference set escalations = ?, sla_breaches = ?, "
                        + "waiting_customers = ?, campaigns = ?, daily_digest = ? where user_id = ?",
                preferences.escalations(), preferences.slaBreaches(), preferences.waitingCustomers(),
                preferences.campaigns(), preferences.dailyDigest(), userId);
        if (updated == 0) {
            jdbc.update("insert into notification_preference (user_id, escalations, sla_breaches, waiting_customers, "
                            + "campaigns, daily_digest) values (?, ?, ?, ?, ?, ?)", userId, preferences.escalations(),
                    preferences.slaBreaches(), preferences.waitingCustomers(), preferences.campaigns(),
                    preferences.dailyDigest());
        }
    }
}
