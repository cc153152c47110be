package ke.co.datacare.whatsapp.app.query;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of every read-model table as text, sorted, for comparing what two ways of building the read models leave
 * behind: one line per table ({@code ## table: n rows}), then one line per row ({@code to_jsonb} of the row, timestamps
 * in UTC), rows in text order.
 */
final class ReadModelDump {

    /** The read-model tables of the query side (every table the query-side projections write). */
    static final List<String> TABLES = List.of(
            "analytics_agent_holding", "analytics_agent_month_duration", "analytics_assignment", "analytics_contact",
            "analytics_contact_activity", "analytics_conversation", "analytics_cost_daily", "analytics_daily_agent",
            "analytics_daily_duration", "analytics_daily_episodes", "analytics_daily_handoff", "analytics_daily_template",
            "analytics_episode",
            "analytics_episode_log", "analytics_error_daily", "analytics_handoff", "analytics_inbound_daily",
            "analytics_message_cost", "analytics_message_sender", "analytics_outbound_daily",
            "analytics_outbound_message", "analytics_period_contacts", "analytics_period_duration",
            "analytics_response", "analytics_satisfaction", "analytics_template_message", "campaign_excluded_view",
            "campaign_recipient_view", "campaign_view", "contact_view", "contact_view_attribute", "contact_view_tag",
            "inbox_contact_tag", "inbox_conversation", "inbox_conversation_tag", "inbox_status_count", "message_status",
            "timeline_message");

    private ReadModelDump() {
    }

    static List<String> of(JdbcTemplate jdbc) {
        return jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            List<String> lines = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                statement.execute("set time zone 'UTC'");
                for (String table : TABLES) {
                    List<String> rows = new ArrayList<>();
                    try (ResultSet result = statement.executeQuery("select to_jsonb(t)::text from " + table
                            + " t order by 1")) {
                        while (result.next()) {
                            rows.add(result.getString(1));
                        }
                    }
                    lines.add("## " + table + ": " + rows.size() + " rows");
                    lines.addAll(rows);
                }
                statement.execute("reset time zone");
            }
            return lines;
        });
    }

    /** The tables of the database that look like read-model tables by their names, to notice one missing above. */
    static List<String> tablesByName(JdbcTemplate jdbc) {
        return jdbc.queryForList("select table_name from information_schema.tables where table_schema = current_schema() "
                + "and (table_name like 'analytics\\_%' or table_name like 'contact\\_view%' or table_name like '%\\_view' "
                + "or table_name like 'inbox\\_%' or table_name in ('timeline_message', 'message_status')) order by 1",
                String.class);
    }
}
