package ke.co.datacare.whatsapp.command.media;

import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import ke.co.datacare.whatsapp.command.reaction.Reactions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Instant;

/**
 * Queues every media a customer sends for the archive, in the transaction of the events it reacts to. It runs in
 * the processor of the other reactions ({@link Reactions}) rather than in one of its own; a failure fails the batch,
 * which is processed again, so no media is left out of the archive.
 */
@ProcessingGroup(Reactions.GROUP)
class MediaArchiveQueue {

    private final MediaArchive archive;

    MediaArchiveQueue(MediaArchive archive) {
        this.archive = archive;
    }

    @EventHandler
    @DisallowReplay
    void on(MediaMessageReceived event, @Timestamp Instant receivedAt) {
        if (event.mediaId() != null && !event.mediaId().isBlank()) {
            archive.queue(event.mediaId(), event.mimeType(), receivedAt);
        }
    }
}
