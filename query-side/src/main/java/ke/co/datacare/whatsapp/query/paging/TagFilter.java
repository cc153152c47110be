package ke.co.datacare.whatsapp.query.paging;

import java.util.List;
import java.util.Locale;

/**
 * The tag filter of the inbox and the contacts: rows whose contact has the tag (as stored: trimmed, lower case).
 * <p>
 * On PostgreSQL the tagged contacts are read first, through the tag's index of {@code contact_view_tag}, into an array
 * evaluated once, and the rows are then found by contact id through their own index. Written as {@code exists}, the
 * planner joins the tagged contacts to every row with a hash join over a sequential scan of the inbox or the contacts
 * (a tag on 1 % of the contacts at 50,000 contacts already), which grows with the data. The cost here grows with the
 * number of rows carrying the tag instead: fine for tags that mark a group (vip, a town, a campaign), a sort of many
 * rows for a tag on a large share of all contacts.
 */
public final class TagFilter {

    private TagFilter() {
    }

    /** A tag as stored: trimmed, lower case. */
    static String stored(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }

    /** The condition on {@code contactIdColumn}; the tag is added to {@code args}. */
    public static String condition(String contactIdColumn, String tag, boolean postgres, List<Object> args) {
        args.add(stored(tag));
        return postgres
                ? contactIdColumn + " = any(array(select t.contact_id from contact_view_tag t where t.tag = ?))"
                : "exists (select 1 from contact_view_tag t where t.contact_id = " + contactIdColumn + " and t.tag = ?)";
    }
}
