package ke.co.datacare.whatsapp.command.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Keeping customers' media after Meta forgets them (webhook media ids expire after about 7 days).
 *
 * @param enabled      download and keep every inbound media once (default on)
 * @param store        where the bytes go: {@code database} (PostgreSQL or the embedded database, default),
 *                     {@code directory} or {@code s3} (an S3-compatible bucket)
 * @param directory    the folder of the {@code directory} store
 * @param s3           the bucket of the {@code s3} store
 * @param maxSize      larger files are not kept (Meta's own largest, documents, is 100 MB)
 * @param pollInterval how often the archiver looks for media to fetch
 * @param maxAttempts  attempts before a media is given up (backoff doubles from 10 s up to an hour)
 * @param workers      downloads at once per instance; each waits on Meta (two calls of 150-400 ms), so about
 *                     {@code workers / 0.6 s} media per second are kept at most (32: the benchmark's 10 media/s
 *                     with room for Meta answering slower); storing is limited apart, see {@link MediaArchiver}
 */
@ConfigurationProperties("datacare.media.archive")
public record MediaArchiveProperties(Boolean enabled, String store, Path directory, S3 s3, DataSize maxSize,
                                     Duration pollInterval, int maxAttempts, int workers) {

    /**
     * An S3-compatible bucket.
     *
     * @param bucket          the bucket (it must exist)
     * @param prefix          put before every key, e.g. {@code media/}
     * @param region          the bucket's region ({@code us-east-1} when absent; most S3-compatible servers ignore it)
     * @param endpoint        an S3-compatible server's URL (MinIO, Ceph, ...); absent: AWS S3 itself
     * @param pathStyle       {@code http://host/bucket/key} addressing, which most S3-compatible servers need
     * @param accessKeyId     with {@code secretAccessKey}; absent: the AWS SDK's default credentials (environment,
     *                        profile, instance or container role)
     * @param secretAccessKey see {@code accessKeyId}
     */
    public record S3(String bucket, String prefix, String region, URI endpoint, boolean pathStyle, String accessKeyId,
                     String secretAccessKey) {
    }

    public MediaArchiveProperties {
        enabled = enabled == null || enabled;
        store = store == null || store.isBlank() ? "database" : store.trim().toLowerCase();
        directory = directory == null ? Path.of("data", "media") : directory;
        maxSize = maxSize == null ? DataSize.ofMegabytes(100) : maxSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
        workers = workers <= 0 ? 32 : workers;
    }
}
