package ke.co.datacare.whatsapp.query.batch;

import java.util.Map;
import java.util.function.Function;

/**
 * The rows a batch has looked up by key, a row found absent kept as {@code null} so it is not looked up again (which
 * {@link Map#computeIfAbsent} does not remember). A row known before costs one map look-up, not a
 * {@code containsKey} and a {@code get}.
 */
public final class KnownRows {

    private KnownRows() {
    }

    /** The row of {@code key} as known, or as {@code load} finds it (then known, absent or not). */
    public static <K, V> V known(Map<K, V> rows, K key, Function<? super K, ? extends V> load) {
        V row = rows.get(key);
        if (row != null || rows.containsKey(key)) {
            return row;
        }
        row = load.apply(key);
        rows.put(key, row);
        return row;
    }
}
