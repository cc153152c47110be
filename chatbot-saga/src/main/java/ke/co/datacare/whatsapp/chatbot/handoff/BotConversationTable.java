package ke.co.datacare.whatsapp.chatbot.handoff;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.chatbot.engine.ConversationContext;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The {@code bot_conversation} table, read and written once per batch of the bot's processor: the first look-up of a
 * batch reads the rows of every conversation the batch's events belong to (one query), and what the batch changed is
 * written with its prepare-commit (one JDBC batch of updates, one of inserts), in the transaction that moves the
 * processor's token. A batch that rolls back (and is processed again) leaves nothing behind. Outside a unit of work
 * (maintenance, tests) each call goes to the table.
 */
final class BotConversationTable implements BotConversations {

    private static final String RESOURCE = BotConversationTable.class.getName();
    private static final String CONVERSATION_AGGREGATE = "Conversation";
    private static final int IDS_PER_QUERY = 500;
    private static final String COLUMNS = "with_bot, snoozed, last_inbound_wamid, has_context, last_intent, "
            + "not_understood_count, bot_turns, pending_question, out_of_office_replied_on, conversation_id";

    private final JdbcTemplate jdbc;

    BotConversationTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<BotConversation> find(ConversationId conversationId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.ofNullable(load(List.of(conversationId.value())).get(conversationId.value()));
        }
        return batch().find(conversationId.value());
    }

    @Override
    public void put(ConversationId conversationId, BotConversation conversation) {
        if (!CurrentUnitOfWork.isStarted()) {
            boolean stored = load(List.of(conversationId.value())).containsKey(conversationId.value());
            write(Map.of(conversationId.value(), conversation), stored ? Set.of(conversationId.value()) : Set.of());
            return;
        }
        batch().put(conversationId.value(), conversation);
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(RESOURCE, key -> {
            Batch batch = new Batch(this::load);
            batch.fetch(conversationsOf(root));
            root.onPrepareCommit(committing -> write(batch.changed, batch.stored));
            return batch;
        });
    }

    /** The conversations a batch's events belong to: a conversation's events carry its id as aggregate id. */
    private static Collection<String> conversationsOf(UnitOfWork<?> unitOfWork) {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return unitOfWork.getMessage() instanceof DomainEventMessage<?> event
                    && CONVERSATION_AGGREGATE.equals(event.getType()) ? List.of(event.getAggregateIdentifier()) : List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Message<?> message : batch.getMessages()) {
            if (message instanceof DomainEventMessage<?> event && CONVERSATION_AGGREGATE.equals(event.getType())) {
                ids.add(event.getAggregateIdentifier());
            }
        }
        return ids;
    }

    private Map<String, BotConversation> load(Collection<String> conversationIds) {
        Map<String, BotConversation> rows = new HashMap<>();
        List<String> ids = new ArrayList<>(conversationIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("select " + COLUMNS + " from bot_conversation where conversation_id in (" + placeholders + ")",
                    (RowCallbackHandler) row -> rows.put(row.getString("conversation_id"), conversationOf(row)),
                    chunk.toArray());
        }
        return rows;
    }

    private void write(Map<String, BotConversation> changed, Set<String> stored) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        changed.forEach((id, conversation) -> (stored.contains(id) ? updates : inserts).add(row(id, conversation)));
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("update bot_conversation set with_bot = ?, snoozed = ?, last_inbound_wamid = ?, "
                    + "has_context = ?, last_intent = ?, not_understood_count = ?, bot_turns = ?, pending_question = ?, "
                    + "out_of_office_replied_on = ? where conversation_id = ?", updates);
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("insert into bot_conversation (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    inserts);
        }
    }

    private static Object[] row(String conversationId, BotConversation conversation) {
        ConversationContext context = conversation.context();
        boolean known = context != null;
        return new Object[]{conversation.withBot(), conversation.snoozed(), conversation.lastInboundWamid(), known,
                known ? context.lastIntent() : null, known ? context.notUnderstoodCount() : 0,
                known ? context.botTurns() : 0, known ? context.pendingQuestion() : null,
                known && context.outOfOfficeRepliedOn() != null ? Date.valueOf(context.outOfOfficeRepliedOn()) : null,
                conversationId};
    }

    private static BotConversation conversationOf(ResultSet row) throws SQLException {
        ConversationContext context = null;
        if (row.getBoolean("has_context")) {
            Date outOfOffice = row.getDate("out_of_office_replied_on");
            context = new ConversationContext(row.getString("last_intent"), row.getInt("not_understood_count"),
                    row.getInt("bot_turns"), row.getString("pending_question"),
                    outOfOffice == null ? null : outOfOffice.toLocalDate());
        }
        return new BotConversation(row.getBoolean("with_bot"), row.getBoolean("snoozed"),
                row.getString("last_inbound_wamid"), context);
    }

    /**
     * One batch's view of the table: the rows of the conversations it fetched (those of its events at its start, any
     * other on first use), then what its events changed.
     */
    private static final class Batch {

        private final Function<Collection<String>, Map<String, BotConversation>> table;
        private final Set<String> fetched = new HashSet<>();
        private final Map<String, BotConversation> known = new HashMap<>();
        private final Set<String> stored = new HashSet<>();
        private final Map<String, BotConversation> changed = new LinkedHashMap<>();

        Batch(Function<Collection<String>, Map<String, BotConversation>> table) {
            this.table = table;
        }

        void fetch(Collection<String> conversationIds) {
            List<String> missing = conversationIds.stream().filter(id -> !fetched.contains(id)).toList();
            if (missing.isEmpty()) {
                return;
            }
            Map<String, BotConversation> rows = table.apply(missing);
            fetched.addAll(missing);
            known.putAll(rows);
            stored.addAll(rows.keySet());
        }

        private void fetchOne(String conversationId) {
            if (!fetched.contains(conversationId)) {
                fetch(List.of(conversationId));
            }
        }

        Optional<BotConversation> find(String conversationId) {
            fetchOne(conversationId);
            return Optional.ofNullable(known.get(conversationId));
        }

        void put(String conversationId, BotConversation conversation) {
            fetchOne(conversationId);
            known.put(conversationId, conversation);
            changed.put(conversationId, conversation);
        }
    }
}
