package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageDelivered;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessagePlayed;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRead;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageSent;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.query.batch.BatchWrites;
import ke.co.datacare.whatsapp.query.batch.KnownRows;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How Meta priced each of our messages, in the read-model group (replayed with it): who sent it (bot, agent,
 * campaign, survey), its category, pricing type and market from the first status that carried pricing, and whether
 * it was delivered (Meta charges delivered messages only). Rows are created once (a repeated status changes nothing)
 * and written per batch of events, with the day's counts of their group ({@code analytics_cost_daily}: messages,
 * delivered, delivered and charged per day, category, market, sender and campaign) changed in the same batch; the
 * costs are read from those counts. What it cost is worked out when asked, from the dated rate card
 * ({@link RateCard}), so a new rate card applies to all of history.
 */
@Component
@ProcessingGroup(ReadModels.GROUP)
public class CostProjection {

    static final List<String> TABLES = List.of("analytics_message_sender", "analytics_message_cost",
            "analytics_cost_daily");

    private static final int SHORT = 64;

    private final JdbcTemplate jdbc;

    public CostProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OutboundMessageQueued event) {
        Batch batch = batch();
        if (batch.sender(event.messageId()) == null) {
            CampaignId campaign = CampaignId.fromSender(event.sentBy());
            Sender sender = new Sender(SenderKind.of(event.sentBy()), campaign == null ? null : campaign.value());
            batch.senders.put(event.messageId(), sender);
            batch.newSenders.put(event.messageId(), sender);
        }
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessageSent event) {
        priced(event.wamid(), event.messageId(), event.at(), event.pricing(), false);
    }

    @EventHandler
    void on(OutboundMessageDelivered event) {
        priced(event.wamid(), event.messageId(), event.at(), event.pricing(), true);
    }

    @EventHandler
    void on(OutboundMessageRead event) {
        Batch batch = batch();
        delivered(batch, event.wamid());
        BatchWrites.done(batch);
    }

    @EventHandler
    void on(OutboundMessagePlayed event) {
        Batch batch = batch();
        delivered(batch, event.wamid());
        BatchWrites.done(batch);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from " + CostDays.TABLE);
        jdbc.update("delete from analytics_message_cost");
        jdbc.update("delete from analytics_message_sender");
    }

    /** The first status with pricing creates the message's cost row, with its sender as known then. */
    private void priced(String wamid, String messageId, Instant at, Pricing pricing, boolean delivered) {
        Batch batch = batch();
        if (pricing != null && wamid != null && batch.cost(wamid) == null) {
            Sender sender = messageId == null ? null : batch.sender(messageId);
            Cost cost = new Cost(wamid, messageId, AnalyticsCalendar.dayOf(at), cut(pricing.category()),
                    cut(pricing.type()), pricing.market(), pricing.charged(), false,
                    sender == null ? SenderKind.OTHER : sender.kind(), sender == null ? null : sender.campaignId());
            batch.costs.put(wamid, cost);
            batch.newCosts.put(wamid, cost);
        }
        if (delivered) {
            delivered(batch, wamid);
        }
        BatchWrites.done(batch);
    }

    private static void delivered(Batch batch, String wamid) {
        Cost cost = wamid == null ? null : batch.cost(wamid);
        if (cost != null && !cost.delivered) {
            cost.delivered = true;
            if (!batch.newCosts.containsKey(wamid)) {
                batch.nowDelivered.add(wamid);
            }
        }
    }

    private Batch batch() {
        return BatchWrites.current(KEY, () -> new Batch(jdbc));
    }

    private static final String KEY = CostProjection.class.getName();
    private static final Set<Class<?>> PRICED = Set.of(OutboundMessageQueued.class, OutboundMessageSent.class,
            OutboundMessageDelivered.class, OutboundMessageRead.class, OutboundMessagePlayed.class);

    private record Sender(String kind, String campaignId) {
    }

    private static final class Cost {
        final String wamid;
        final String messageId;
        final java.time.LocalDate pricedOn;
        final String category;
        final String pricingType;
        final String market;
        final boolean charged;
        boolean delivered;
        final String senderKind;
        final String campaignId;

        Cost(String wamid, String messageId, java.time.LocalDate pricedOn, String category, String pricingType,
             String market, boolean charged, boolean delivered, String senderKind, String campaignId) {
            this.wamid = wamid;
            this.messageId = messageId;
            this.pricedOn = pricedOn;
            this.category = category;
            this.pricingType = pricingType;
            this.market = market;
            this.charged = charged;
            this.delivered = delivered;
            this.senderKind = senderKind;
            this.campaignId = campaignId;
        }
    }

    /**
     * The senders and cost rows one batch of events reads and changes: the rows its events name are read in two
     * queries when the batch starts, the events are applied to them in memory, and the new rows and the rows that
     * became delivered are written with one JDBC batch each.
     */
    private static final class Batch implements BatchWrites.Batch {
        private final JdbcTemplate jdbc;
        private final Map<String, Sender> senders = new HashMap<>();
        private final Map<String, Cost> costs = new HashMap<>();
        private final Map<String, Sender> newSenders = new LinkedHashMap<>();
        private final Map<String, Cost> newCosts = new LinkedHashMap<>();
        private final Set<String> nowDelivered = new LinkedHashSet<>();

        Batch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            Set<String> messageIds = new HashSet<>();
            Set<String> wamids = new HashSet<>();
            for (Object payload : BatchWrites.payloadsInBatch(PRICED)) {
                if (payload instanceof OutboundMessageQueued queued) {
                    named(messageIds, wamids, queued.messageId(), null);
                } else if (payload instanceof OutboundMessageSent sent) {
                    named(messageIds, wamids, sent.messageId(), sent.wamid());
                } else if (payload instanceof OutboundMessageDelivered done) {
                    named(messageIds, wamids, done.messageId(), done.wamid());
                } else if (payload instanceof OutboundMessageRead read) {
                    named(messageIds, wamids, null, read.wamid());
                } else if (payload instanceof OutboundMessagePlayed played) {
                    named(messageIds, wamids, null, played.wamid());
                }
            }
            load(messageIds, wamids);
        }

        private static void named(Set<String> messageIds, Set<String> wamids, String messageId, String wamid) {
            if (messageId != null) {
                messageIds.add(messageId);
            }
            if (wamid != null) {
                wamids.add(wamid);
            }
        }

        private void load(Set<String> messageIds, Set<String> wamids) {
            messageIds.forEach(id -> senders.put(id, null));
            wamids.forEach(wamid -> costs.put(wamid, null));
            if (BatchWrites.unwrittenRowsAbsent()) {
                return;
            }
            BatchWrites.queryIn(jdbc, "select message_id, sender_kind, campaign_id from analytics_message_sender "
                    + "where message_id in", messageIds, rs -> {
                senders.put(rs.getString(1), new Sender(rs.getString(2), rs.getString(3)));
            });
            BatchWrites.queryIn(jdbc, "select wamid, delivered, priced_on, category, market, charged, sender_kind, "
                    + "campaign_id from analytics_message_cost where wamid in", wamids, rs -> {
                Cost stored = new Cost(rs.getString(1), null, rs.getObject(3, java.time.LocalDate.class),
                        rs.getString(4), null, rs.getString(5), rs.getBoolean(6), rs.getBoolean(2), rs.getString(7),
                        rs.getString(8));
                costs.put(stored.wamid, stored);
            });
        }

        Sender sender(String messageId) {
            return KnownRows.known(senders, messageId, absent -> {
                load(Set.of(absent), Set.of());
                return senders.get(absent);
            });
        }

        Cost cost(String wamid) {
            return KnownRows.known(costs, wamid, absent -> {
                load(Set.of(), Set.of(absent));
                return costs.get(absent);
            });
        }

        @Override
        public void flush() {
            List<Object[]> senderRows = new ArrayList<>();
            newSenders.forEach((messageId, sender) ->
                    senderRows.add(new Object[]{messageId, sender.kind(), sender.campaignId()}));
            BatchWrites.executeAll(jdbc, "insert into analytics_message_sender (message_id, sender_kind, campaign_id) "
                    + "values (?, ?, ?)", senderRows);
            List<Object[]> costRows = new ArrayList<>();
            newCosts.values().forEach(cost -> costRows.add(new Object[]{cost.wamid, cost.messageId, cost.pricedOn,
                    cost.category, cost.pricingType, cost.market, cost.charged, cost.delivered, cost.senderKind,
                    cost.campaignId}));
            BatchWrites.executeAll(jdbc, "insert into analytics_message_cost (wamid, message_id, priced_on, category, "
                    + "pricing_type, market, charged, delivered, sender_kind, campaign_id) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", costRows);
            BatchWrites.executeAll(jdbc, "update analytics_message_cost set delivered = true where wamid = ?",
                    nowDelivered.stream().map(wamid -> new Object[]{wamid}).toList());
            CostDays.Changes days = new CostDays.Changes();
            newCosts.values().forEach(cost -> days.add(cost.pricedOn, cost.category, cost.market, cost.senderKind,
                    cost.campaignId, 1, cost.delivered, cost.charged));
            nowDelivered.stream().map(costs::get).forEach(cost -> days.add(cost.pricedOn, cost.category, cost.market,
                    cost.senderKind, cost.campaignId, 0, true, cost.charged));
            days.write(jdbc);
            newSenders.clear();
            newCosts.clear();
            nowDelivered.clear();
        }
    }

    private static String cut(String value) {
        return value == null || value.length() <= SHORT ? value : value.substring(0, SHORT);
    }

    /** Who sent a message, by its {@code sentBy}: the bot, a person or API client, a campaign, a survey. */
    static final class SenderKind {
        static final String OTHER = "other";

        private SenderKind() {
        }

        static String of(String sentBy) {
            if (sentBy == null) {
                return OTHER;
            }
            if (sentBy.startsWith("agent:")) {
                return "agent";
            }
            if (sentBy.startsWith("campaign:")) {
                return "campaign";
            }
            return switch (sentBy) {
                case "bot", "survey" -> sentBy;
                default -> OTHER;
            };
        }
    }
}
