package ke.co.datacare.whatsapp.command.graph.sandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What the sandbox keeps, oldest first, within a count and a byte budget: adding beyond either drops the oldest.
 * A single value larger than the whole budget is not kept at all.
 */
final class BoundedStore<K, V> {

    private final Map<K, V> values = new LinkedHashMap<>();
    private final int maxCount;
    private final long maxBytes;
    private final ToLongFunction<V> size;
    private long bytes;

    BoundedStore(int maxCount, long maxBytes, ToLongFunction<V> size) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.size = size;
    }

    boolean fits(V value) {
        return size.applyAsLong(value) <= maxBytes;
    }

    /** Keeps the value, dropping the oldest as needed; answers false (keeping nothing) when it alone is too large. */
    synchronized boolean put(K key, V value) {
        if (!fits(value)) {
            return false;
        }
        V replaced = values.remove(key);
        if (replaced != null) {
            bytes -= size.applyAsLong(replaced);
        }
        values.put(key, value);
        bytes += size.applyAsLong(value);
        Iterator<V> oldest = values.values().iterator();
        while (values.size() > maxCount || bytes > maxBytes) {
            bytes -= size.applyAsLong(oldest.next());
            oldest.remove();
        }
        return true;
    }

    synchronized Optional<V> get(K key) {
        return Optional.ofNullable(values.get(key));
    }

    synchronized List<V> values() {
        return new ArrayList<>(values.values());
    }
}
