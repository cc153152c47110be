package ke.co.datacare.whatsapp.command.graph.sandbox;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploaded media, in memory, within {@code datacare.whatsapp.sandbox.max-media} files and
 * {@code .max-media-bytes} bytes: the oldest are forgotten first.
 */
class SandboxMediaStore {

    record StoredMedia(String id, byte[] bytes, String mimeType, String filename) {
    }

    private final AtomicLong nextId = new AtomicLong(1_000_000_000_000_001L);
    private final BoundedStore<String, StoredMedia> media;

    SandboxMediaStore(int maxCount, long maxBytes) {
        this.media = new BoundedStore<>(maxCount, maxBytes, stored -> stored.bytes().length);
    }

    /** The stored media, or empty when the file alone is larger than the whole budget. */
    Optional<StoredMedia> store(byte[] bytes, String mimeType, String filename) {
        StoredMedia stored = new StoredMedia(String.valueOf(nextId.getAndIncrement()), bytes, mimeType, filename);
        return media.put(stored.id(), stored) ? Optional.of(stored) : Optional.empty();
    }

    Optional<StoredMedia> find(String id) {
        return media.get(id);
    }
}
