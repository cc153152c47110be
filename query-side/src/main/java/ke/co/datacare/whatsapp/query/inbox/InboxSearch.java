package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.query.paging.SearchTerms;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversations a search finds on PostgreSQL, through the indexes of V70: the contact's name (folded, contains),
 * number (national digits, contains) or user id (trigram GIN indexes), rank 0; and the messages whose words hold
 * every word searched (the last as a prefix; full-text GIN index), rank 1, with the newest such message of each
 * conversation. A SQL {@code with} clause naming {@code hits (conversation_id, rank, message_key)}.
 */
final class InboxSearch {

    private InboxSearch() {
    }

    static String hits(String search, List<Object> args) {
        SearchTerms terms = SearchTerms.of(search);
        List<String> contact = new ArrayList<>();
        contact.add("public.datacare_fold(v.profile_name) like ? escape '!'");
        args.add(SearchTerms.contains(terms.folded()));
        contact.add("lower(v.user_id) like ? escape '!'");
        args.add(SearchTerms.contains(terms.folded()));
        if (terms.numberPattern() != null) {
            contact.add("v.wa_id like ? escape '!'");
            args.add(terms.numberPattern());
        }
        StringBuilder sql = new StringBuilder("with found as (select c.conversation_id, 0 as rank, "
                + "cast(null as varchar(300)) as message_key from contact_view v join inbox_conversation c "
                + "on c.contact_id = v.contact_id where ").append(String.join(" or ", contact));
        if (terms.words() != null) {
            sql.append(" union all (select distinct on (m.conversation_id) m.conversation_id, 1, m.message_key "
                    + "from timeline_message m where public.datacare_words(m.text) @@ to_tsquery('simple', ?) "
                    + "order by m.conversation_id, m.sent_at desc, m.event_index desc)");
            args.add(terms.words());
        }
        sql.append("), hits as (select conversation_id, min(rank) as rank, max(message_key) as message_key "
                + "from found group by conversation_id) ");
        return sql.toString();
    }
}
