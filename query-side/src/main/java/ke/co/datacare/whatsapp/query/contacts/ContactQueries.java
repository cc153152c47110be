package ke.co.datacare.whatsapp.query.contacts;

import ke.co.datacare.whatsapp.api.query.ContactPage;
import ke.co.datacare.whatsapp.api.query.ContactSummary;
import ke.co.datacare.whatsapp.api.query.FindContact;
import ke.co.datacare.whatsapp.api.query.FindContacts;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Contacts from the {@code contact_view} table of the inbox projection. */
@Component
class ContactQueries {

    private final JdbcTemplate jdbc;

    ContactQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    ContactPage handle(FindContacts query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.search(), args);
        Long total = jdbc.queryForObject("select count(*) from contact_view" + where, Long.class, args.toArray());
        args.add(query.size());
        args.add((long) query.page() * query.size());
        List<ContactSummary> items = jdbc.query("select * from contact_view" + where
                + " order by created_at desc, contact_id limit ? offset ?", (rs, i) -> summary(rs), args.toArray());
        return new ContactPage(items, total == null ? 0 : total, query.page(), query.size());
    }

    @QueryHandler
    Optional<ContactSummary> handle(FindContact query) {
        return jdbc.query("select * from contact_view where contact_id = ?", (rs, i) -> summary(rs), query.contactId())
                .stream().findFirst();
    }

    /** Case-insensitive containment in the profile name, the phone number (with or without +) or the user id. */
    static String where(String search, List<Object> args) {
        if (search == null || search.isBlank()) {
            return "";
        }
        String term = search.trim().toLowerCase(Locale.ROOT);
        String phone = term.startsWith("+") ? term.substring(1) : term;
        args.add(contains(term));
        args.add(contains(phone));
        args.add(contains(term));
        return " where lower(profile_name) like ? escape '!' or wa_id like ? escape '!' or lower(user_id) like ? escape '!'";
    }

    private static String contains(String term) {
        return "%" + term.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static ContactSummary summary(ResultSet rs) throws SQLException {
        String name = rs.getString("profile_name");
        String phone = rs.getString("wa_id");
        Timestamp created = rs.getTimestamp("created_at");
        return new ContactSummary(rs.getString("contact_id"), name == null ? phone : name, name,
                phone == null ? null : "+" + phone, rs.getString("user_id"), rs.getBoolean("opted_out"),
                created == null ? null : created.toInstant());
    }
}
