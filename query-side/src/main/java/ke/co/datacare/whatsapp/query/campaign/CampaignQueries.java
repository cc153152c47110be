package ke.co.datacare.whatsapp.query.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignPage;
import ke.co.datacare.whatsapp.api.campaign.CampaignProgress;
import ke.co.datacare.whatsapp.api.campaign.CampaignRecipient;
import ke.co.datacare.whatsapp.api.campaign.CampaignRecipientPage;
import ke.co.datacare.whatsapp.api.campaign.CampaignSummary;
import ke.co.datacare.whatsapp.api.campaign.FindCampaign;
import ke.co.datacare.whatsapp.api.campaign.FindCampaignRecipients;
import ke.co.datacare.whatsapp.api.campaign.FindCampaigns;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Campaigns, their progress and their recipients, from the tables of the {@code campaigns} projection. */
@Component
class CampaignQueries {

    static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    CampaignQueries(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @QueryHandler
    CampaignPage handle(FindCampaigns query) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (query.status() != null && !query.status().isBlank()) {
            where = " where status = ?";
            args.add(query.status().trim().toLowerCase(Locale.ROOT));
        }
        Long total = jdbc.queryForObject("select count(*) from campaign_view" + where, Long.class, args.toArray());
        args.add(query.size());
        args.add((long) query.page() * query.size());
        List<CampaignSummary> items = jdbc.query("select c.*, (select count(*) from campaign_recipient_view r where "
                + "r.campaign_id = c.campaign_id) as queued_count, (select count(*) from campaign_recipient_view r where "
                + "r.campaign_id = c.campaign_id and r.status_rank between 1 and 3) as sent_count from campaign_view c"
                + where + " order by c.created_at desc, c.campaign_id limit ? offset ?", (rs, i) -> new CampaignSummary(
                rs.getString("campaign_id"), rs.getString("name"), rs.getString("status"), rs.getString("template_name"),
                rs.getString("language"), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "start_at"),
                instant(rs, "started_at"), instant(rs, "completed_at"), integer(rs, "recipients"),
                rs.getLong("queued_count"), rs.getLong("sent_count")), args.toArray());
        return new CampaignPage(items, total == null ? 0 : total, query.page(), query.size());
    }

    @QueryHandler
    Optional<CampaignProgress> handle(FindCampaign query) {
        return jdbc.query("select * from campaign_view where campaign_id = ?", (rs, i) -> progress(rs), query.campaignId())
                .stream().findFirst();
    }

    @QueryHandler
    CampaignRecipientPage handle(FindCampaignRecipients query) {
        String status = query.status() == null ? "" : query.status().trim().toLowerCase(Locale.ROOT);
        if (status.equals("excluded")) {
            return excluded(query);
        }
        String filter = switch (status) {
            case "", "all" -> "";
            case "sent" -> " and status_rank between 1 and 3";
            case "delivered" -> " and status_rank between 2 and 3";
            case "replied" -> " and replied_at is not null";
            default -> " and status = ?";
        };
        List<Object> args = new ArrayList<>(List.of(query.campaignId()));
        if (filter.endsWith("?")) {
            args.add(status);
        }
        Long total = jdbc.queryForObject("select count(*) from campaign_recipient_view where campaign_id = ?" + filter,
                Long.class, args.toArray());
        args.add(query.size());
        args.add((long) query.page() * query.size());
        List<CampaignRecipient> items = jdbc.query("select * from campaign_recipient_view where campaign_id = ?" + filter
                + " order by queued_at, message_id limit ? offset ?", (rs, i) -> new CampaignRecipient(
                rs.getString("message_id"), rs.getString("contact_id"), rs.getString("conversation_id"),
                rs.getString("wamid"), null, rs.getString("status"), null, integer(rs, "error_code"),
                rs.getString("error_title"), instant(rs, "queued_at"), instant(rs, "status_at"),
                instant(rs, "replied_at")), args.toArray());
        return new CampaignRecipientPage(items, total == null ? 0 : total, query.page(), query.size());
    }

    private CampaignRecipientPage excluded(FindCampaignRecipients query) {
        Long total = jdbc.queryForObject("select count(*) from campaign_excluded_view where campaign_id = ?", Long.class,
                query.campaignId());
        List<CampaignRecipient> items = jdbc.query("select entry, reason from campaign_excluded_view where campaign_id = ? "
                        + "order by seq limit ? offset ?", (rs, i) -> new CampaignRecipient(null, null, null, null,
                        rs.getString(1), "excluded", rs.getString(2), null, null, null, null, null),
                query.campaignId(), query.size(), (long) query.page() * query.size());
        return new CampaignRecipientPage(items, total == null ? 0 : total, query.page(), query.size());
    }

    private CampaignProgress progress(ResultSet rs) throws SQLException {
        String id = rs.getString("campaign_id");
        Instant now = clock.instant();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("select status, count(*) from campaign_recipient_view where campaign_id = ? group by status",
                row -> {
                    byStatus.put(row.getString(1), row.getLong(2));
                }, id);
        long queued = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long read = byStatus.getOrDefault("read", 0L);
        long delivered = read + byStatus.getOrDefault("delivered", 0L);
        long sent = delivered + byStatus.getOrDefault("sent", 0L);
        long failed = byStatus.getOrDefault("failed", 0L);
        Map<String, Long> failedByCode = new LinkedHashMap<>();
        jdbc.query("select error_code, count(*) from campaign_recipient_view where campaign_id = ? and status = 'failed' "
                + "group by error_code order by count(*) desc", row -> {
                    int code = row.getInt(1);
                    failedByCode.put(row.wasNull() ? "unknown" : String.valueOf(code), row.getLong(2));
                }, id);
        Long replied = jdbc.queryForObject("select count(*) from campaign_recipient_view where campaign_id = ? "
                + "and replied_at is not null", Long.class, id);
        Long recent = jdbc.queryForObject("select count(*) from campaign_recipient_view where campaign_id = ? "
                + "and accepted_at > ?", Long.class, id, Timestamp.from(now.minus(RATE_WINDOW)));
        double rate = (recent == null ? 0 : recent) / (double) RATE_WINDOW.toSeconds();
        Integer recipients = integer(rs, "recipients");
        Map<String, Integer> excluded = read(rs.getString("excluded_json"), COUNTS, new LinkedHashMap<>());
        int skipped = rs.getInt("skipped_opted_out");
        if (skipped > 0) {
            excluded = new LinkedHashMap<>(excluded);
            excluded.merge("OPTED_OUT", skipped, Integer::sum);
        }
        long pending = recipients == null ? 0 : Math.max(0, recipients - queued - skipped);
        String status = rs.getString("status");
        Instant waitingUntil = instant(rs, "waiting_until");
        CampaignProgress.Waiting waiting = "running".equals(status) && waitingUntil != null && waitingUntil.isAfter(now)
                ? new CampaignProgress.Waiting(rs.getString("waiting_reason"), waitingUntil) : null;
        long remaining = pending + byStatus.getOrDefault("queued", 0L);
        Instant estimate = "running".equals(status) && rate > 0 && recipients != null
                ? now.plusMillis(Math.round(remaining / rate * 1000)) : null;
        if (estimate != null && waiting != null) {
            estimate = estimate.plus(Duration.between(now, waiting.until()));
        }
        List<String> tags = read(rs.getString("tags_json"), STRINGS, List.of());
        return new CampaignProgress(id, rs.getString("name"), status,
                read(rs.getString("content_json"), new TypeReference<CampaignContent>() {
                }, null), tags, rs.getInt("contact_ids"), rs.getInt("phone_numbers"), rs.getInt("uploaded_numbers"),
                rs.getString("phone_number_id"), read(rs.getString("window_json"), new TypeReference<SendWindow>() {
                }, null), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "start_at"), instant(rs, "started_at"), instant(rs, "paused_at"), rs.getString("pause_reason"),
                instant(rs, "completed_at"), instant(rs, "cancelled_at"),
                new CampaignProgress.Counts(integer(rs, "entries"), recipients, excluded, pending, queued, sent, delivered,
                        read, failed, failedByCode, replied == null ? 0 : replied),
                waiting, rate, estimate);
    }

    private <T> T read(String value, TypeReference<T> type, T fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored campaign data is not readable", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
