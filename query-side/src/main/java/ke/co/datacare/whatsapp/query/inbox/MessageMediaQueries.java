package ke.co.datacare.whatsapp.query.inbox;

import ke.co.datacare.whatsapp.api.inbox.FindMessageMedia;
import ke.co.datacare.whatsapp.api.inbox.MessageMedia;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Which media ids belong to a stored message, from the timelines of {@link TimelineProjection}. */
@Component
class MessageMediaQueries {

    private final JdbcTemplate jdbc;

    MessageMediaQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<MessageMedia> handle(FindMessageMedia query) {
        return jdbc.query("select media_id, mime_type, filename from timeline_message where media_id = ? "
                        + "order by sent_at limit 1",
                (rs, i) -> new MessageMedia(rs.getString("media_id"), rs.getString("mime_type"),
                        rs.getString("filename")), query.mediaId()).stream().findFirst();
    }
}
