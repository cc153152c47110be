package ke.co.datacare.whatsapp.app.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fills the read-model tables of the inbox, contacts, timeline, statuses and analytics directly with generated rows
 * ({@code insert ... select ... from generate_series}): no events, no projections. The analytics rollups are summed
 * from the generated per-answer, per-episode and per-message analytics rows by SQL that follows the rollup projection
 * (histogram buckets as {@code DurationHistogram}'s; business hours here: 08:00-18:00 Nairobi, every day). Rows are a deterministic function
 * of their number, so two runs hold the same data. Per conversation: one contact, ten messages (a third of them ours,
 * with a delivery status), activity spread over the last 365 days, one in 200 whose last message arrived late;
 * conversation {@code v1} has 5,000 more messages; {@value #PRICED_MESSAGES} priced messages over the year, with their daily
 * counts as migration V154 fills them.
 * The secondary indexes of the filled tables are dropped before the fill and created again from their own
 * definitions afterwards (building an index once is far quicker than updating it row by row), then every table is
 * vacuumed and analyzed, as autovacuum keeps the tables of a running service (the visibility map set, so that counts
 * and the tag filter read their indexes without visiting the table).
 */
final class ReadModelFill {

    static final List<String> TABLES = List.of("contact_view", "contact_view_tag", "inbox_conversation",
            "timeline_message", "message_status", "analytics_inbound_daily", "analytics_outbound_daily",
            "analytics_error_daily", "analytics_contact", "analytics_contact_activity", "analytics_response",
            "analytics_episode_log", "analytics_episode", "analytics_handoff", "analytics_assignment",
            "analytics_template_message", "analytics_period_contacts", "analytics_daily_duration",
            "analytics_daily_episodes", "analytics_daily_handoff", "analytics_daily_agent", "analytics_agent_holding",
            "analytics_daily_template", "analytics_period_duration", "inbox_status_count",
            "analytics_agent_month_duration", "analytics_message_cost", "analytics_cost_daily", "inbox_contact_tag",
            "inbox_conversation_tag");
    static final int MESSAGES_PER_CONVERSATION = 10;
    static final int LONG_TIMELINE = 5_000;
    /** Priced messages over the last 365 days, whatever the size: a year of a busy number's costs. */
    static final int PRICED_MESSAGES = 1_000_000;
    static final String FIRST_NAMES = "(array['Amina','Wanjiru','Otieno','Achieng','Kamau','Njeri','Mwangi','Akinyi',"
            + "'Kiprop','Chebet','Mutua','Wambui','Omondi','Nyambura','Kariuki','Atieno','Juma','Zawadi','Baraka','Imani',"
            + "'Hassan','Fatuma','Ochieng','Adhiambo','Kimani','Wairimu','Mohamed','Halima','Kibet','Jepkosgei',"
            + "'Muthoni','Onyango','Nafula','Wekesa','Rehema','Salim','Makena','Githinji','Auma','Korir','Nekesa',"
            + "'Waweru','Moraa','Nyaboke','Kiptoo','José','Renée','Zoë','Chloé','Noël'])";
    static final String LAST_NAMES = "(array['Kamau','Otieno','Mwangi','Odhiambo','Njoroge','Kiprono','Wanjala',"
            + "'Mutiso','Ochieng','Kariuki','Chepkoech','Omondi','Macharia','Nyongesa','Kirui','Barasa','Ndungu',"
            + "'Wafula','Maina','Koech','Achieng','Gitau','Ruto','Kimani','Owino','Mugo','Langat','Were','Karanja',"
            + "'Onyango','Mbugua','Kosgei','Wekesa','Nduta','Kiplagat','Oduya','Muriuki','Simiyu','Rotich','Okoth',"
            + "'Ngugi','Cheruiyot','Waweru','Ouma','Kipchumba','Mwende','Nyaga','Kilonzo','Muli','Oloo'])";
    /** English and Swahili words of customer service; one message is four of them. */
    static final String WORDS = "array['hello','habari','please','tafadhali','order','agizo','payment','malipo','mpesa',"
            + "'refund','deliver','kufika','today','leo','tomorrow','kesho','thanks','asante','sana','price','bei',"
            + "'where','wapi','when','lini','help','msaada','account','akaunti','balance','salio','fibre','router',"
            + "'internet','mtandao','slow','polepole','connection','bill','ankara','receipt','risiti','cancel',"
            + "'ghairi','change','badilisha','address','anwani','phone','simu','number','nambari','package','kifurushi',"
            + "'monthly','kila','mwezi','okay','sawa','yes','ndio','no','hapana','problem','shida','still','bado',"
            + "'waiting','nasubiri','agent','wakala','call','piga','install','weka','today','week','wiki','card',"
            + "'kadi','data','bundle','offer','ofa','new','mpya','old','zamani','home','nyumbani','office','ofisi',"
            + "'morning','asubuhi','evening','jioni','café','résumé']";

    private ReadModelFill() {
    }

    /** Fills every table of {@link #TABLES} for {@code conversations} conversations; {@code admin} holds some. */
    static void fill(Connection connection, int conversations, String admin) throws SQLException {
        int n = conversations;
        long messages = (long) n * MESSAGES_PER_CONVERSATION;
        try (Statement statement = connection.createStatement()) {
            statement.execute("set maintenance_work_mem = '512MB'");
            statement.execute("set synchronous_commit = off");
            List<String> indexes = new ArrayList<>();
            for (String table : TABLES) {
                try (var rs = statement.executeQuery("select i.indexname, i.indexdef from pg_indexes i join pg_index x "
                        + "on x.indexrelid = (quote_ident(i.indexname))::regclass where i.tablename = '" + table
                        + "' and not x.indisprimary and i.schemaname = 'public'")) {
                    List<String> names = new ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        indexes.add(rs.getString(2));
                    }
                    for (String name : names) {
                        statement.execute("drop index " + name);
                    }
                }
            }
            statement.execute("truncate " + String.join(", ", TABLES));
            String assignee = "(case when i % 20 = 0 then '" + admin + "' else 'agent-' || (i % 20) end)";
            String activity = "(now() - ((i::bigint * 7919) % 31536000) * interval '1 second')";
            exec(statement, "contact_view", "insert into contact_view (contact_id, wa_id, user_id, profile_name, opted_out, "
                    + "created_at) select 'c' || i, (254700000000 + i)::text, case when i % 7 = 0 then 'KE.' || i end, "
                    + FIRST_NAMES + "[1 + i % 50] || ' ' || " + LAST_NAMES + "[1 + (i / 50) % 50], i % 97 = 0, "
                    + activity + " - interval '30 days' from generate_series(1, " + n + ") i");
            exec(statement, "contact_view_tag", "insert into contact_view_tag (contact_id, tag) select 'c' || i, "
                    + "(array['retail','wholesale','fibre','mobile','nairobi','mombasa','kisumu','nakuru','eldoret','thika'])"
                    + "[1 + i % 10] from generate_series(1, " + n + ") i union all select 'c' || i, 'vip' "
                    + "from generate_series(1, " + n + ", 100) i");
            exec(statement, "inbox_conversation", "insert into inbox_conversation (conversation_id, contact_id, "
                    + "phone_number_id, status, assignee, last_message_preview, last_message_type, last_message_at, "
                    + "last_activity_at, last_customer_message_at, unread_count, started_at, sla_due_at, last_sequence, "
                    + "arrived_late_by_seconds) "
                    + "select 'v' || i, 'c' || i, '110000000000001', s.status, case when s.status in ('assigned', "
                    + "'snoozed') or (s.status = 'resolved' and i % 2 = 0) then " + assignee + " end, "
                    + "'Habari, where is my order ' || i, 'text', " + activity + ", " + activity + ", case when i % 5 <> 0 "
                    + "then " + activity + " - interval '1 minute' end, case when i % 10 = 0 then 1 + i % 4 else 0 end, "
                    + activity + " - interval '1 day', case when s.status = 'assigned' then " + activity
                    + " + interval '15 minutes' end, 10, case when i % 200 = 0 then 60 + i % 3600 end "
                    + "from generate_series(1, " + n + ") i, lateral (select case "
                    + "when (i * 37) % 100 < 60 then 'resolved' when (i * 37) % 100 < 75 then 'open' when (i * 37) % 100 < 85 "
                    + "then 'assigned' when (i * 37) % 100 < 92 then 'pending' else 'snoozed' end as status) s");
            String words = "w[1 + (j * 7) % 99] || ' ' || w[1 + (j * 13 + 5) % 99] || ' ' || w[1 + (j * 31 + 11) % 99] "
                    + "|| ' ' || w[1 + (j * 53 + 17) % 99] || case when j % 10007 = 0 then ' kiwanda' else '' end";
            exec(statement, "inbox_contact_tag", "insert into inbox_contact_tag select contact_id, tag "
                    + "from contact_view_tag");
            exec(statement, "inbox_conversation_tag", "insert into inbox_conversation_tag (conversation_id, tag, status, "
                    + "last_activity_at, assignee, unread) select c.conversation_id, t.tag, c.status, c.last_activity_at, "
                    + "c.assignee, c.unread_count > 0 from inbox_conversation c join inbox_contact_tag t on t.contact_id = "
                    + "c.contact_id");
            exec(statement, "inbox_status_count", "insert into inbox_status_count select status, "
                    + "coalesce(assignee, ''), unread_count > 0, count(*) from inbox_conversation group by 1, 2, 3");
            exec(statement, "timeline_message", "insert into timeline_message (message_key, conversation_id, direction, "
                    + "wamid, type, text, sender, sent_at, event_index) select 'k' || j, 'v' || c, case when j % 3 = 0 "
                    + "then 'out' else 'in' end, 'wamid.' || j, 'text', " + words + ", case when j % 3 = 0 then "
                    + "'agent-' || (c % 20) else 'customer' end, now() - ((c::bigint * 7919) % 31536000) * interval "
                    + "'1 second' - (j / " + n + ") * interval '10 minutes', j from (select " + WORDS + " as w) vocabulary, "
                    + "lateral (select j, 1 + (j - 1) % " + n + " as c from generate_series(1, " + messages + ") j) m");
            exec(statement, "timeline_message (conversation v1)", "insert into timeline_message (message_key, "
                    + "conversation_id, direction, wamid, type, text, sender, sent_at, event_index) select 'long' || j, 'v1', "
                    + "case when j % 3 = 0 then 'out' else 'in' end, 'wamid.long.' || j, 'text', " + words + ", case "
                    + "when j % 3 = 0 then 'agent-1' else 'customer' end, now() - interval '400 days' + j * interval "
                    + "'1 minute', " + messages + " + j from (select " + WORDS + " as w) vocabulary, generate_series(1, "
                    + LONG_TIMELINE + ") j");
            exec(statement, "message_status", "insert into message_status (wamid, conversation_id, status, status_at, "
                    + "error_code, error_title, pricing_category, billable) select wamid, conversation_id, case when "
                    + "event_index % 50 = 0 then 'failed' when event_index % 2 = 0 then 'read' else 'delivered' end, "
                    + "sent_at + interval '5 seconds', case when event_index % 50 = 0 then 131047 end, case when "
                    + "event_index % 50 = 0 then 'Re-engagement message' end, 'service', false from timeline_message "
                    + "where direction = 'out'");
            String day = "(current_date - (i % 365))";
            exec(statement, "analytics daily", "insert into analytics_inbound_daily select current_date - d, t, "
                    + n + " / 365 * 2 from generate_series(0, 365) d, unnest(array['text','image','audio','location',"
                    + "'interactive']) t");
            statement.execute("insert into analytics_outbound_daily select current_date - d, " + n + " / 100, " + n
                    + " / 100, " + n + " / 120, " + n + " / 200, " + n + " / 5000 from generate_series(0, 365) d");
            statement.execute("insert into analytics_error_daily select current_date - d, e, 'error ' || e, d % 7 + 1 "
                    + "from generate_series(0, 365) d, unnest(array[131047, 131026, 130472]) e");
            exec(statement, "analytics_contact", "insert into analytics_contact select 'c' || i, " + day
                    + " from generate_series(1, " + n + ") i");
            exec(statement, "analytics_contact_activity", "insert into analytics_contact_activity select 'day', "
                    + "current_date - ((i + k * 3) % 365), 'c' || i from generate_series(1, " + n + ") i, "
                    + "generate_series(0, 1) k union all select 'week', date_trunc('week', current_date - (i % 365))::date, "
                    + "'c' || i from generate_series(1, " + n + ") i");
            exec(statement, "analytics_response", "insert into analytics_response select 'v' || i, 5, " + day + ", "
                    + day + " + interval '9 hours' + (i % 600) * interval '1 minute', 30 + (i * 17) % 3600, case when "
                    + "i % 3 = 0 then 'agent' else 'bot' end, case when i % 3 = 0 then " + assignee + " end "
                    + "from generate_series(1, " + n + ") i");
            exec(statement, "analytics_episode_log", "insert into analytics_episode_log select 'v' || i, 1, " + day
                    + ", i % 4 = 0, case when i % 5 < 3 then " + day + " end, case when i % 5 < 3 then 600 + (i * 13) % 86400 "
                    + "end, case when i % 5 < 3 and i % 4 = 0 then " + assignee + " end from generate_series(1, " + n + ") i");
            exec(statement, "analytics_episode", "insert into analytics_episode select 'v' || i, 10, 1, now() - "
                    + "(i % 365) * interval '1 day', null, case when i % 10 = 0 then " + assignee + " end "
                    + "from generate_series(1, " + n + ") i");
            exec(statement, "analytics_handoff", "insert into analytics_handoff select 'v' || i, 4, " + day + ", "
                    + "(array['asked_for_agent','bot_failed','outside_hours'])[1 + i % 3] from generate_series(1, " + n
                    + ", 4) i");
            exec(statement, "analytics_assignment", "insert into analytics_assignment select 'v' || i, 6, " + day + ", "
                    + assignee + " from generate_series(1, " + n + ", 4) i");
            exec(statement, "analytics_template_message", "insert into analytics_template_message select 'm' || i, "
                    + "'template_' || (i % 20), (array['en','sw'])[1 + i % 2], " + day + ", i % 50 <> 0, 1 + i % 4, "
                    + "i % 50 = 0 from generate_series(1, " + n + ", 2) i");
            String bucket = "case when v < 64 then v else (v >> (59 - position('1' in v::bit(64)::text))) "
                    + "<< (59 - position('1' in v::bit(64)::text)) end";
            exec(statement, "analytics_daily_duration", "insert into analytics_daily_duration select day_date, measure, "
                    + "agent_id, hours, sum(c), string_agg(b || ':' || c || ':' || s, ',' order by b) from (select day_date, "
                    + "measure, agent_id, hours, " + bucket + " as b, count(*) as c, sum(v) as s from (select responded_on "
                    + "as day_date, case when responder = 'bot' then 'bot' else 'agents' end as measure, '' as agent_id, "
                    + "case when extract(hour from waited_from at time zone 'Africa/Nairobi') between 8 and 17 then 'in' "
                    + "else 'out' end as hours, wait_seconds as v from analytics_response union all select responded_on, "
                    + "'agent', agent_id, '', wait_seconds from analytics_response where responder = 'agent' union all "
                    + "select resolved_on, 'resolution', '', '', resolution_seconds from analytics_episode_log "
                    + "where resolved_on is not null) d "
                    + "group by 1, 2, 3, 4, 5) h group by 1, 2, 3, 4");
            exec(statement, "analytics_daily_episodes", "insert into analytics_daily_episodes select opened_on, count(*), "
                    + "sum(case when handed_off then 0 else 1 end) from analytics_episode_log group by opened_on");
            exec(statement, "analytics_daily_handoff", "insert into analytics_daily_handoff select day_date, reason, "
                    + "count(*) from analytics_handoff group by 1, 2");
            exec(statement, "analytics_daily_agent", "insert into analytics_daily_agent select day_date, agent_id, "
                    + "sum(a), sum(r) from (select day_date, agent_id, 1 as a, 0 as r from analytics_assignment union all "
                    + "select resolved_on, resolved_by, 0, 1 from analytics_episode_log where resolved_by is not null) x "
                    + "group by 1, 2");
            exec(statement, "analytics_agent_holding", "insert into analytics_agent_holding select assignee, count(*) "
                    + "from analytics_episode where assignee is not null group by 1");
            exec(statement, "analytics_daily_template", "insert into analytics_daily_template select queued_on, "
                    + "template_name, language, count(*), sum(case when accepted then 1 else 0 end), sum(case when "
                    + "progress >= 2 then 1 else 0 end), sum(case when progress >= 3 then 1 else 0 end), sum(case when "
                    + "failed then 1 else 0 end) from analytics_template_message group by 1, 2, 3");
            exec(statement, "analytics_period_contacts", "insert into analytics_period_contacts select a.granularity, "
                    + "a.period_start, count(*), sum(case when c.first_message_on >= a.period_start then 1 else 0 end) "
                    + "from analytics_contact_activity a join analytics_contact c on c.contact_id = a.contact_id "
                    + "group by 1, 2");
            // the overview's series per day and ISO week; median and 90th percentile of the raw durations here, of
            // the histogram's buckets where the projection writes them (within 3 % of each other)
            exec(statement, "analytics_period_duration", "with d as (select g, case when g = 'day' then day_date else "
                    + "date_trunc('week', day_date)::date end as p, series, v from (select responded_on as day_date, "
                    + "unnest(array['responses', case when responder = 'agent' then 'agent_responses' end, case when "
                    + "extract(hour from waited_from at time zone 'Africa/Nairobi') between 8 and 17 then 'in_hours' else "
                    + "'outside_hours' end]) as series, wait_seconds as v from analytics_response union all select "
                    + "resolved_on, 'resolutions', resolution_seconds from analytics_episode_log where resolved_on is not "
                    + "null) r, unnest(array['day', 'week']) g where series is not null), f as (select g, p, series, "
                    + "count(*) as c, percentile_disc(0.5) within group (order by v) as m, percentile_disc(0.9) within "
                    + "group (order by v) as q from d group by 1, 2, 3), h as (select g, p, series, string_agg(b || ':' "
                    + "|| c || ':' || s, ',' order by b) as histogram from (select g, p, series, " + bucket + " as b, "
                    + "count(*) as c, sum(v) as s from d group by 1, 2, 3, 4) x group by 1, 2, 3) insert into "
                    + "analytics_period_duration select f.g, f.p, f.series, f.c, f.m, f.q, h.histogram from f join h "
                    + "on h.g = f.g and h.p = f.p and h.series = f.series");
            // each agent's months from the one-agent days, as migration V153 fills them
            exec(statement, "analytics_agent_month_duration", "insert into analytics_agent_month_duration select "
                    + "month_start, agent_id, sum(c), string_agg(b || ':' || c || ':' || s, ',' order by b) from (select "
                    + "date_trunc('month', d.day_date)::date as month_start, d.agent_id, split_part(e, ':', 1)::bigint "
                    + "as b, sum(split_part(e, ':', 2)::bigint) as c, sum(split_part(e, ':', 3)::bigint) as s from "
                    + "analytics_daily_duration d, unnest(string_to_array(d.histogram, ',')) e where d.measure = 'agent' "
                    + "group by 1, 2, 3) entries group by 1, 2");
            // each sender's category as Meta prices it (campaigns marketing, conversation replies service, API sends
            // utility or authentication), nine in ten to Kenya, one campaign a month: 18 groups a day
            exec(statement, "analytics_message_cost", "insert into analytics_message_cost select 'wamid.priced.' || i, "
                    + "'m' || i, current_date - i % 365, case s when 'campaign' then 'marketing' when 'other' then "
                    + "(array['utility','authentication'])[1 + i / 1825 % 2] else 'service' end, 'regular', case when "
                    + "i / 3650 % 10 = 0 then 'TZ' when i / 3650 % 10 = 1 then 'UG' else 'KE' end, i % 7 <> 0, "
                    + "i % 10 <> 0, s, case when s = 'campaign' then 'campaign-' || (i % 365 / 30) end from "
                    + "generate_series(1, " + PRICED_MESSAGES + ") i, lateral (select (array['bot','agent','campaign',"
                    + "'survey','other'])[1 + i / 365 % 5] as s) sender");
            exec(statement, "analytics_cost_daily", "insert into analytics_cost_daily select priced_on, "
                    + "coalesce(category, ''), coalesce(market, ''), sender_kind, coalesce(campaign_id, ''), count(*), "
                    + "sum(case when delivered then 1 else 0 end), sum(case when delivered and charged then 1 else 0 end) "
                    + "from analytics_message_cost group by 1, 2, 3, 4, 5");
            for (String index : indexes) {
                exec(statement, index.substring(0, Math.min(80, index.length())), index);
            }
            for (String table : TABLES) {
                statement.execute("vacuum analyze " + table);
            }
            statement.execute("checkpoint");
        }
    }

    private static void exec(Statement statement, String what, String sql) throws SQLException {
        long started = System.nanoTime();
        statement.execute(sql);
        System.out.printf(Locale.ROOT, "  filled %-60s %8.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }
}
