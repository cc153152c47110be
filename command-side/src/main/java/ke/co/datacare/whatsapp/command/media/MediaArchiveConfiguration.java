package ke.co.datacare.whatsapp.command.media;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The media archive: the ledger and the store always (what was kept stays served), queueing and fetching when enabled. */
@Configuration
@EnableConfigurationProperties(MediaArchiveProperties.class)
class MediaArchiveConfiguration {

    @Bean
    MediaArchive mediaArchive(JdbcTemplate jdbc) {
        return new MediaArchive(jdbc);
    }

    @Bean
    ArchivedMedia archivedMedia(MediaArchive archive, MediaStore store) {
        return new ArchivedMedia(archive, store);
    }

    @Bean
    @ConditionalOnProperty(prefix = "datacare.media.archive", name = "enabled", havingValue = "true", matchIfMissing = true)
    MediaArchiveQueue mediaArchiveQueue(MediaArchive archive) {
        return new MediaArchiveQueue(archive);
    }

    @Bean
    MediaStore mediaStore(MediaArchiveProperties properties, JdbcTemplate jdbc) {
        return switch (properties.store()) {
            case "database" -> new DatabaseMediaStore(jdbc);
            case "directory" -> new DirectoryMediaStore(properties.directory());
            case "s3" -> s3Store(properties.s3());
            default -> throw new IllegalArgumentException("datacare.media.archive.store must be database, directory or "
                    + "s3, not '" + properties.store() + "'");
        };
    }

    static S3MediaStore s3Store(MediaArchiveProperties.S3 s3) {
        if (s3 == null || s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalArgumentException("datacare.media.archive.store=s3 needs datacare.media.archive.s3.bucket");
        }
        S3ClientBuilder client = S3Client.builder()
                .region(Region.of(s3.region() == null || s3.region().isBlank() ? "us-east-1" : s3.region()))
                .forcePathStyle(s3.pathStyle());
        if (s3.endpoint() != null) {
            // Not every S3-compatible server reads the streaming uploads (aws-chunked, with checksum trailers) that
            // the SDK sends by default over HTTP: s3rver keeps the chunk framing as the object's bytes and checks no
            // signature (S3MediaStoreOverHttpTest). Whole bodies with the payload's hash signed in the header, and
            // checksums only where S3 requires them, work with every server.
            client.endpointOverride(s3.endpoint())
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (s3.accessKeyId() != null && !s3.accessKeyId().isBlank()) {
            client.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())));
        }
        return new S3MediaStore(client.build(), s3.bucket(), s3.prefix());
    }

    @Bean
    @ConditionalOnProperty(prefix = "datacare.media.archive", name = "enabled", havingValue = "true", matchIfMissing = true)
    MediaArchiver mediaArchiver(MediaArchive archive, MediaStore store, GraphApiClient graph,
                                MediaArchiveProperties properties, Clock clock, MeterRegistry meters) {
        return new MediaArchiver(archive, store, graph, properties, clock, meters);
    }
}
