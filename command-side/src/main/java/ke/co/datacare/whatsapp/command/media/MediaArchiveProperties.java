package ke.co.datacare.whatsapp.command.media;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Keeping customers' media after Meta forgets them (webhook media ids expire after about 7 days).
 *
 * @param enabled      download and keep every inbound media once (default on)
 * @param store        where the bytes go: {@code database} (PostgreSQL or the embedded database, default) or
 *                     {@code directory}
 * @param directory    the folder of the {@code directory} store
 * @param maxSize      larger files are not kept (Meta's own largest, documents, is 100 MB)
 * @param pollInterval how often the archiver looks for media to fetch
 * @param maxAttempts  attempts before a media is given up (backoff doubles from 10 s up to an hour)
 */
@ConfigurationProperties("datacare.media.archive")
public record MediaArchiveProperties(Boolean enabled, String store, Path directory, DataSize maxSize,
                                     Duration pollInterval, int maxAttempts) {

    public MediaArchiveProperties {
        enabled = enabled == null || enabled;
        store = store == null || store.isBlank() ? "database" : store.trim().toLowerCase();
        directory = directory == null ? Path.of("data", "media") : directory;
        maxSize = maxSize == null ? DataSize.ofMegabytes(100) : maxSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
    }
}
