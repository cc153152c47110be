package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * The campaigns that are running now, from the command-side lookup {@code campaign_dispatch}, read at most every
 * {@code maxAge} for all of this instance's dispatch workers (each runs a round every few milliseconds), so a pause or
 * cancel stops new queueing within that time.
 */
final class RunningCampaigns {

    /**
     * A running campaign as dispatch needs it: content, send window, whether its audience is resolved, and the business
     * number it sends from (null: the default number).
     */
    record Running(CampaignId id, CampaignContent content, SendWindow window, boolean resolved, String phoneNumberId) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final long maxAgeNanos;
    private List<Running> lastRead;
    private long readAt;

    RunningCampaigns(JdbcTemplate jdbc, ObjectMapper json, Duration maxAge) {
        this.jdbc = jdbc;
        this.json = json;
        this.maxAgeNanos = maxAge.toNanos();
    }

    synchronized List<Running> now() {
        long tick = System.nanoTime();
        if (lastRead == null || tick - readAt >= maxAgeNanos) {
            lastRead = read();
            readAt = tick;
        }
        return lastRead;
    }

    /** The next {@link #now} reads again (after a step changed what it reads). */
    synchronized void forget() {
        lastRead = null;
    }

    private List<Running> read() {
        return jdbc.query("select campaign_id, content_json, window_from, window_to, window_zone, audience_resolved, "
                + "phone_number_id from campaign_dispatch where status = 'RUNNING' order by updated_at", (rs, i) -> new Running(
                CampaignId.of(rs.getString(1)), read(rs.getString(2)),
                rs.getString(3) == null ? null : new SendWindow(LocalTime.parse(rs.getString(3)),
                        LocalTime.parse(rs.getString(4)), rs.getString(5)),
                rs.getBoolean(6), rs.getString(7)));
    }

    private CampaignContent read(String content) {
        try {
            return json.readValue(content, CampaignContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored campaign content is not readable", e);
        }
    }
}
