package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedStoreTest {

    @Test
    void beyond_the_count_the_oldest_upload_is_forgotten() {
        SandboxMediaStore media = new SandboxMediaStore(2, 1_000);

        String first = media.store(new byte[10], "image/png", "a.png").orElseThrow().id();
        String second = media.store(new byte[10], "image/png", "b.png").orElseThrow().id();
        String third = media.store(new byte[10], "image/png", "c.png").orElseThrow().id();

        assertThat(media.find(first)).isEmpty();
        assertThat(media.find(second)).isPresent();
        assertThat(media.find(third)).isPresent();
    }

    @Test
    void beyond_the_byte_budget_the_oldest_uploads_are_forgotten_and_a_larger_file_is_refused() {
        SandboxMediaStore media = new SandboxMediaStore(100, 100);

        String first = media.store(new byte[40], "image/png", "a.png").orElseThrow().id();
        String second = media.store(new byte[40], "image/png", "b.png").orElseThrow().id();
        String third = media.store(new byte[40], "image/png", "c.png").orElseThrow().id();

        assertThat(media.find(first)).isEmpty();
        assertThat(media.find(second)).isPresent();
        assertThat(media.find(third)).isPresent();
        assertThat(media.store(new byte[101], "image/png", "huge.png")).isEmpty();
        assertThat(media.find(third)).isPresent();
    }

    @Test
    void the_request_log_keeps_the_newest_within_its_count_and_bytes() {
        SandboxRequestLog log = new SandboxRequestLog(3, 200, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        for (int i = 0; i < 5; i++) {
            log.record("POST", "/r" + i, JsonNodeFactory.instance.objectNode().put("text", "x".repeat(40)));
        }
        assertThat(log.list()).extracting(SandboxRequestLog.RecordedRequest::path).containsExactly("/r2", "/r3", "/r4");

        log.record("POST", "/huge", JsonNodeFactory.instance.objectNode().put("text", "x".repeat(500)));
        assertThat(log.list()).last().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/huge");
            assertThat(request.body()).isNull();
        });
        assertThat(log.list().stream().mapToLong(SandboxRequestLog.RecordedRequest::size).sum()).isLessThanOrEqualTo(200);
    }
}
