package ke.co.datacare.whatsapp.command.graph.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploaded media, in memory; the oldest are forgotten beyond a small number.
 */
class SandboxMediaStore {

    record StoredMedia(String id, byte[] bytes, String mimeType, String filename) {
    }

    private static final int CAPACITY = 100;

    private final AtomicLong nextId = new AtomicLong(1_000_000_000_000_001L);
    private final Map<String, StoredMedia> media = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredMedia> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized StoredMedia store(byte[] bytes, String mimeType, String filename) {
        StoredMedia stored = new StoredMedia(String.valueOf(nextId.getAndIncrement()), bytes, mimeType, filename);
        media.put(stored.id(), stored);
        return stored;
    }

    synchronized Optional<StoredMedia> find(String id) {
        return Optional.ofNullable(media.get(id));
    }
}
