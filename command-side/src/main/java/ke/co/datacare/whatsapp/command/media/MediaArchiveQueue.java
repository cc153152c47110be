package ke.co.datacare.whatsapp.command.media;

import ke.co.datacare.whatsapp.api.conversation.MediaMessageReceived;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Instant;

/**
 * Queues every media a customer sends for the archive, in the transaction of the events it reacts to. It runs in
 * the processor of the other reactions to customers' messages (read receipts) rather than in one of its own.
 */
@ProcessingGroup("read-receipts")
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
