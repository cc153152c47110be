package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.query.paging.SearchTerms;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversations a search finds on PostgreSQL, through the indexes of V70, V98 and V141: the contact's name
 * (folded; those starting with the search first, a range of a B-tree, then those containing it) or user id (trigram
 * GIN indexes) or number (from its start: a range of a B-tree in pattern order; bare digits anywhere: trigram), rank 0;
 * and the messages whose words hold every word searched (the last as a prefix;
 * full-text GIN index, or for words the index's statistics call common the newest messages walked in time order),
 * rank 1, with the newest such message of each conversation. A SQL {@code with} clause naming
 * {@code hits (conversation_id, rank, message_key, message_at)}.
 * <p>
 * Each side reads a bounded candidate set, at most {@link #CANDIDATES} contacts and as many messages, in the order the
 * index hands them out, which are then ranked: a search costs the same at a hundred thousand conversations and at a
 * million, where "Nyambura" names 20,000 contacts and a common word is in hundreds of thousands of messages. A search
 * that matches more than that shows a ranked part of its matches (the total says how many were ranked), and a
 * longer search narrows it down.
 */
final class InboxSearch {

    /** At most this many contacts and this many messages are ranked per search. */
    static final int CANDIDATES = 200;
    /**
     * A search whose words the index's statistics ({@link WordFrequencies}) find in at least 2.5 % of the messages
     * walks the newest messages (index of V115) and checks their words: one found in at least
     * {@link #COMMON_WORD_HITS} of the {@link #RECENT_MESSAGES} newest takes its candidates from there, the newest
     * first, at the cost of this walk whatever the size of the history. Any other search (most: names, numbers, rare
     * words) reads the full-text index straight away, whose cost is that of the messages holding the words.
     */
    static final double COMMON_WORD_SHARE = 0.025;
    static final int RECENT_MESSAGES = 1_000;
    static final int COMMON_WORD_HITS = 25;

    private InboxSearch() {
    }

    static String hits(String search, WordFrequencies frequencies, List<Object> args) {
        SearchTerms terms = SearchTerms.of(search);
        List<String> contact = new ArrayList<>();
        List<Object> contactArgs = new ArrayList<>();
        String name = "public.datacare_fold(v.profile_name)";
        contact.add(name + " like ? escape '!'");
        contactArgs.add(SearchTerms.contains(terms.folded()));
        contact.add("lower(v.user_id) like ? escape '!'");
        contactArgs.add(SearchTerms.contains(terms.folded()));
        String number = terms.numberCondition("v.wa_id", contactArgs);
        if (number != null) {
            contact.add(number);
        }
        // the names starting with the search first, a range of the B-tree of V141 that stops at the candidates'
        // count; the other matches from the trigram indexes only when fewer start with it (their bitmap, built whole
        // before a row is read, took 8.6 ms of the database's time for "wanjiru kamau" at a million)
        StringBuilder sql = new StringBuilder("with starting as (select v.contact_id from contact_view v where ")
                .append(SearchTerms.startsWithCondition(name, terms.folded(), args))
                .append(" limit ?), contacts as (select contact_id from (select contact_id from starting union all ")
                .append("(select v.contact_id from contact_view v where (").append(String.join(" or ", contact))
                .append(") and not coalesce(").append(name).append(" like ? escape '!', false) ")
                .append("and (select count(*) from starting) < ? limit ?)) found limit ?)");
        args.add(CANDIDATES);
        args.addAll(contactArgs);
        args.addAll(List.of(SearchTerms.startsWith(terms.folded()), CANDIDATES, CANDIDATES, CANDIDATES));
        if (terms.words() != null && frequencies.share(terms.words()) >= COMMON_WORD_SHARE) {
            args.add(RECENT_MESSAGES);
            String plainText = plainTextHolds(terms.words(), args);
            sql.append(", recent as (select m.conversation_id, m.message_key, m.sent_at, m.event_index from (select "
                    + "r.conversation_id, r.message_key, r.sent_at, r.event_index, r.text from timeline_message r "
                    + "order by r.sent_at desc, r.event_index desc limit ?) m "
                    + "where " + plainText + " and public.datacare_words(m.text) @@ "
                    + "to_tsquery('simple', ?) limit ?)");
            args.add(terms.words());
            args.add(CANDIDATES);
            sql.append(", messages as (select * from recent where (select count(*) from recent) >= ? union all "
                    + "(select m.conversation_id, m.message_key, m.sent_at, m.event_index from timeline_message m "
                    + "where public.datacare_words(m.text) @@ to_tsquery('simple', ?) "
                    + "and (select count(*) from recent) < ? "
                    + "limit ?))");
            args.add(COMMON_WORD_HITS);
            args.add(terms.words());
            args.add(COMMON_WORD_HITS);
            args.add(CANDIDATES);
        } else if (terms.words() != null) {
            sql.append(", messages as (select m.conversation_id, m.message_key, m.sent_at, m.event_index "
                    + "from timeline_message m where public.datacare_words(m.text) @@ to_tsquery('simple', ?) "
                    + "limit ?)");
            args.add(terms.words());
            args.add(CANDIDATES);
        }
        sql.append(", found as (select c.conversation_id, 0 as rank, cast(null as varchar(300)) as message_key, "
                + "cast(null as timestamp with time zone) as message_at "
                + "from contacts k join inbox_conversation c on c.contact_id = k.contact_id");
        if (terms.words() != null) {
            sql.append(" union all (select distinct on (m.conversation_id) m.conversation_id, 1, m.message_key, "
                    + "m.sent_at from messages m order by m.conversation_id, m.sent_at desc, m.event_index desc)");
        }
        // a conversation's one matching message (at most one per conversation) and its time
        sql.append("), hits as (select conversation_id, min(rank) as rank, max(message_key) as message_key, "
                + "max(message_at) as message_at from found group by conversation_id) ");
        return sql.toString();
    }

    /**
     * A cheap first check of a walked message, before its words are made: a text of plain ASCII holds every searched
     * word in lower case (its words are its lower-case letters and digits, and folding changes no ASCII letter but its
     * case), so one that does not is no match; a text with any other character (an accent, another script) is checked
     * by its words alone. The words (unaccent, then the parser) are then made only of the texts that pass: at 100,000
     * conversations the walk for "habari" took 3.8 to 5.8 ms of the database's time without this check and 1.4 to
     * 2.5 ms with it (the same loaded machine, interleaved).
     */
    private static String plainTextHolds(String words, List<Object> args) {
        List<String> checks = new ArrayList<>();
        for (String word : words.split(" & ")) {
            checks.add("strpos(lower(m.text), ?) > 0");
            args.add(word.endsWith(":*") ? word.substring(0, word.length() - 2) : word);
        }
        return "(m.text ~ '[^[:ascii:]]' or (" + String.join(" and ", checks) + "))";
    }
}
