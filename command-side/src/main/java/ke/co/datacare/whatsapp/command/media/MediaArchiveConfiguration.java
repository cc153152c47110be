package ke.co.datacare.whatsapp.command.media;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

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
            default -> throw new IllegalArgumentException("datacare.media.archive.store must be database or directory, "
                    + "not '" + properties.store() + "'");
        };
    }

    @Bean
    @ConditionalOnProperty(prefix = "datacare.media.archive", name = "enabled", havingValue = "true", matchIfMissing = true)
    MediaArchiver mediaArchiver(MediaArchive archive, MediaStore store, GraphApiClient graph,
                                MediaArchiveProperties properties, Clock clock, MeterRegistry meters) {
        return new MediaArchiver(archive, store, graph, properties, clock, meters);
    }
}
