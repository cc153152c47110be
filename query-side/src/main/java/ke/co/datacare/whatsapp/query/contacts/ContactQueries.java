package ke.co.datacare.whatsapp.query.contacts;

import ke.co.datacare.whatsapp.api.query.ContactPage;
import ke.co.datacare.whatsapp.api.query.ContactSummary;
import ke.co.datacare.whatsapp.api.query.FindContact;
import ke.co.datacare.whatsapp.api.query.FindContacts;
import ke.co.datacare.whatsapp.api.query.FindContactsById;
import ke.co.datacare.whatsapp.api.contact.ContactName;
import ke.co.datacare.whatsapp.query.paging.KeysetPaging;
import ke.co.datacare.whatsapp.query.paging.PageCursor;
import ke.co.datacare.whatsapp.query.paging.IndexPlans;
import ke.co.datacare.whatsapp.query.paging.SearchTerms;
import ke.co.datacare.whatsapp.query.paging.TagFilter;
import ke.co.datacare.whatsapp.query.paging.SqlDialect;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Contacts from the {@code contact_view} tables of the inbox projection, with their tags and attributes. */
@Component
class ContactQueries {

    /**
     * Contacts are counted up to {@link KeysetPaging#TOTAL_CAP} and one more (a total of 10,001 means "more than
     * 10,000"), a search's matches up to {@link KeysetPaging#SEARCH_TOTAL_CAP} and one more.
     */
    private static final String ORDER = " order by created_at desc, contact_id desc";

    private final JdbcTemplate jdbc;
    private final boolean indexedSearch;
    private final IndexPlans indexPlans;

    ContactQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.indexedSearch = SqlDialect.isPostgres(jdbc);
        this.indexPlans = new IndexPlans(jdbc, indexedSearch);
    }

    private record Row(String contactId, String profileName, String waId, String userId, String username,
                       String parentUserId, boolean optedOut, Timestamp createdAt) {
    }

    @QueryHandler
    ContactPage handle(FindContacts query) {
        return indexPlans.run(() -> page(query));
    }

    /**
     * A page of contacts, newest first. A search on PostgreSQL orders the first {@link KeysetPaging#SEARCH_TOTAL_CAP}
     * matches its indexes hand out (all of them, unless the search matches more than that): PostgreSQL overestimates
     * how many contacts a name matches (10,000 for the 400 named "Wanjiru Kamau" among a million), and walking the
     * contacts newest first, checking each name, read 127,500 of them for one page.
     */
    private ContactPage page(FindContacts query) {
        boolean search = query.search() != null && !query.search().isBlank();
        List<Object> args = new ArrayList<>();
        String where = where(query.search(), query.tag(), indexedSearch, args);
        PageCursor after = PageCursor.decode(query.cursor());
        if (search && indexedSearch) {
            return searchPage(query, where, args, after);
        }
        long total = KeysetPaging.total(jdbc, " from contact_view" + where, args, after,
                search ? KeysetPaging.SEARCH_TOTAL_CAP : KeysetPaging.TOTAL_CAP);
        where = KeysetPaging.after(where, "created_at", "contact_id", after, args);
        String limit = KeysetPaging.limit(after, query.page(), query.size(), args);
        List<Row> rows = jdbc.query("select * from contact_view" + where + ORDER + limit, (rs, i) -> row(rs),
                args.toArray());
        return new ContactPage(summaries(rows), total, query.page(), query.size(), next(rows, query.size()));
    }

    /**
     * A search on PostgreSQL: its first {@link KeysetPaging#SEARCH_TOTAL_CAP} and one more matches, counted and paged
     * in one statement, so each match is checked against its name once (a separate count checked every match a second
     * time). The candidates are the contacts whose name starts with the text, read from the B-tree of V141 as a range
     * ({@link SearchTerms#prefixEnd}: no name folded again per row, where a LIKE folded each of the 1,001 rows found
     * once more, about two thirds of the statement's time), which stops after the cap; only when fewer start with it
     * are the other matches (a name, number or user id containing it) read from the trigram indexes. A page past the
     * last match counts them on its own.
     */
    private ContactPage searchPage(FindContacts query, String where, List<Object> args, PageCursor after) {
        int cap = KeysetPaging.SEARCH_TOTAL_CAP + 1;
        List<Object> countArgs = new ArrayList<>(args);
        List<Object> candidateArgs = new ArrayList<>();
        String prefix = "public.datacare_fold(profile_name) like ? escape '!'";
        String folded = SearchTerms.of(query.search()).folded();
        String prefixPattern = SearchTerms.startsWith(folded);
        String starting = SearchTerms.startsWithCondition("public.datacare_fold(profile_name)", folded, candidateArgs);
        String tag = query.tag() == null || query.tag().isBlank() ? ""
                : " and " + TagFilter.condition("contact_view.contact_id", query.tag(), true, candidateArgs);
        candidateArgs.add(cap);
        candidateArgs.addAll(args);
        candidateArgs.add(prefixPattern);
        candidateArgs.add(cap);
        candidateArgs.add(cap);
        candidateArgs.add(cap);
        String candidates = "with starting as (select * from contact_view where " + starting + tag + " limit ?) "
                + "select *, count(*) over () as match_count from (select * from (select * from starting union all "
                + "(select * from contact_view" + where + " and not coalesce(" + prefix + ", false) and "
                + "(select count(*) from starting) < ? limit ?)) found limit ?) contact_view";
        String afterCursor = KeysetPaging.after("", "created_at", "contact_id", after, candidateArgs);
        String limit = KeysetPaging.limit(after, query.page(), query.size(), candidateArgs);
        long[] total = {after == null ? 0 : -1};
        List<Row> rows = jdbc.query(candidates + afterCursor + ORDER + limit, (rs, i) -> {
            if (after == null) {
                total[0] = rs.getLong("match_count");
            }
            return row(rs);
        }, candidateArgs.toArray());
        if (rows.isEmpty() && after == null && query.page() > 0) {
            total[0] = KeysetPaging.total(jdbc, " from contact_view" + where, countArgs, null,
                    KeysetPaging.SEARCH_TOTAL_CAP);
        }
        return new ContactPage(summaries(rows), total[0], query.page(), query.size(), next(rows, query.size()));
    }

    private static String next(List<Row> rows, int size) {
        return rows.size() < size ? null : new PageCursor(rows.get(rows.size() - 1).createdAt().toInstant(),
                rows.get(rows.size() - 1).contactId()).encode();
    }

    @QueryHandler
    Optional<ContactSummary> handle(FindContact query) {
        List<Row> rows = jdbc.query("select * from contact_view where contact_id = ?", (rs, i) -> row(rs),
                query.contactId());
        return summaries(rows).stream().findFirst();
    }

    @QueryHandler
    List<ContactSummary> handle(FindContactsById query) {
        List<Row> rows = new ArrayList<>();
        List<String> ids = query.contactIds();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            rows.addAll(jdbc.query("select * from contact_view where contact_id in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", (rs, i) -> row(rs), chunk.toArray()));
        }
        return summaries(rows);
    }

    /**
     * Case-insensitive containment in the profile name, the phone number (with or without +) or the user id, and
     * the tag (as stored: trimmed, lower case). On PostgreSQL through the trigram indexes of V70: names without
     * accents, numbers by their national digits (with or without +254 or a leading 0).
     */
    static String where(String search, String tag, boolean indexedSearch, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (search != null && !search.isBlank() && indexedSearch) {
            SearchTerms terms = SearchTerms.of(search);
            List<String> any = new ArrayList<>(List.of("public.datacare_fold(profile_name) like ? escape '!'",
                    "lower(user_id) like ? escape '!'"));
            args.add(SearchTerms.contains(terms.folded()));
            args.add(SearchTerms.contains(terms.folded()));
            String number = terms.numberCondition("wa_id", args);
            if (number != null) {
                any.add(number);
            }
            conditions.add("(" + String.join(" or ", any) + ")");
        } else if (search != null && !search.isBlank()) {
            String term = search.trim().toLowerCase(Locale.ROOT);
            String phone = term.startsWith("+") ? term.substring(1) : term;
            args.add(contains(term));
            args.add(contains(phone));
            args.add(contains(term));
            conditions.add("(lower(profile_name) like ? escape '!' or wa_id like ? escape '!' "
                    + "or lower(user_id) like ? escape '!')");
        }
        if (tag != null && !tag.isBlank()) {
            conditions.add(TagFilter.condition("contact_view.contact_id", tag, indexedSearch, args));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static String contains(String term) {
        return "%" + term.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private List<ContactSummary> summaries(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Object[] ids = rows.stream().map(Row::contactId).toArray();
        String marks = String.join(", ", Collections.nCopies(ids.length, "?"));
        Map<String, List<String>> tags = new HashMap<>();
        jdbc.query("select contact_id, tag from contact_view_tag where contact_id in (" + marks + ") order by tag",
                rs -> {
                    tags.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                }, ids);
        Map<String, Map<String, String>> attributes = new HashMap<>();
        jdbc.query("select contact_id, attribute_name, attribute_value from contact_view_attribute where contact_id in ("
                + marks + ") order by attribute_name", rs -> {
                    attributes.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getString(3));
                }, ids);
        return rows.stream().map(row -> summary(row, tags.getOrDefault(row.contactId(), List.of()),
                attributes.getOrDefault(row.contactId(), Map.of()))).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("contact_id"), rs.getString("profile_name"), rs.getString("wa_id"),
                rs.getString("user_id"), rs.getString("username"), rs.getString("parent_user_id"),
                rs.getBoolean("opted_out"), rs.getTimestamp("created_at"));
    }

    private static ContactSummary summary(Row row, List<String> tags, Map<String, String> attributes) {
        return new ContactSummary(row.contactId(), ContactName.shown(row.profileName(), row.username(), row.waId()),
                row.profileName(), ContactName.phoneNumber(row.waId()), row.userId(),
                row.username(), row.parentUserId(), row.optedOut(),
                row.createdAt() == null ? null : row.createdAt().toInstant(), tags, attributes);
    }
}
