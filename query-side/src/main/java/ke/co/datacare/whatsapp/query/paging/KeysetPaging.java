package ke.co.datacare.whatsapp.query.paging;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging rule of every list read: the first page (no cursor) counts the matching rows up to {@link #TOTAL_CAP}
 * plus one (an exact count grows with the data), and pages by offset; a page after a cursor skips the count and
 * starts right after the cursor's (time, key) in the list's order, so page 1,000 costs what page 1 costs.
 */
public final class KeysetPaging {

    /** Counts stop here: {@code TOTAL_CAP + 1} means "more than this". */
    public static final int TOTAL_CAP = 10_000;
    /**
     * Searches count up to here ({@code SEARCH_TOTAL_CAP + 1}: "more than this"): each match counted is checked
     * against its text, a cost per row that an index-only count does not have.
     */
    public static final int SEARCH_TOTAL_CAP = 1_000;

    private KeysetPaging() {
    }

    /**
     * The capped count of {@code select 1 <fromWhere>}, or -1 after a cursor (not counted). Counted in no order: any
     * index that answers the condition may stop after the cap (counted in the list's order, a filter on a large share
     * of the rows, say every open conversation, sorted all of them first).
     */
    public static long total(JdbcTemplate jdbc, String fromWhere, List<Object> args, PageCursor after) {
        return total(jdbc, fromWhere, args, after, TOTAL_CAP);
    }

    /** {@link #total(JdbcTemplate, String, List, PageCursor)} counted up to {@code cap} plus one. */
    public static long total(JdbcTemplate jdbc, String fromWhere, List<Object> args, PageCursor after, int cap) {
        if (after != null) {
            return -1;
        }
        List<Object> countArgs = new ArrayList<>(args);
        countArgs.add(cap + 1);
        Long counted = jdbc.queryForObject("select count(*) from (select 1" + fromWhere + " limit ?) counted",
                Long.class, countArgs.toArray());
        return counted == null ? 0 : counted;
    }

    /** {@code where} with the cursor's condition on {@code (timeColumn, keyColumn)} added (descending order). */
    public static String after(String where, String timeColumn, String keyColumn, PageCursor after, List<Object> args) {
        if (after == null) {
            return where;
        }
        args.add(Timestamp.from(after.at()));
        args.add(after.key());
        return where + (where.isEmpty() ? " where " : " and ") + "(" + timeColumn + ", " + keyColumn + ") < (?, ?)";
    }

    /** {@code " limit ?"} (and {@code " offset ?"} without a cursor), its values added to {@code args}. */
    public static String limit(PageCursor after, int page, int size, List<Object> args) {
        args.add(size);
        if (after != null) {
            return " limit ?";
        }
        args.add((long) page * size);
        return " limit ? offset ?";
    }
}
