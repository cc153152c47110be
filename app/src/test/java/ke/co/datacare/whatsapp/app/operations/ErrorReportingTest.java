package ke.co.datacare.whatsapp.app.operations;

import ke.co.datacare.whatsapp.app.support.OwnDatabase;
import com.sun.net.httpserver.HttpServer;
import io.sentry.Sentry;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Error reporting with SENTRY_DSN set, against a local HTTP endpoint that takes envelopes as Sentry's ingest does
 * ({@code POST /api/<project>/envelope/}), on a service of its own.
 */
@Import(OwnDatabase.class)
class ErrorReportingTest extends IntegrationTest {

    private static final List<String> ENVELOPES = new CopyOnWriteArrayList<>();
    private static final HttpServer SENTRY = ingest();
    private static final String PHONE = "254712345678";
    private static final String NAME = "Wanjiku Kamau";
    private static final String TEXT = "Habari, my router is not working";


    @DynamicPropertySource
    static void sentry(DynamicPropertyRegistry registry) {
        registry.add("sentry.dsn", () -> "http://publickey@127.0.0.1:" + SENTRY.getAddress().getPort() + "/42");
        registry.add("sentry.environment", () -> "test-env");
        registry.add("sentry.release", () -> "datacare-whatsapp@test");
    }

    @AfterAll
    static void stopReporting() {
        Sentry.close();
        SENTRY.stop(0);
    }

    @BeforeEach
    void noEnvelopesYet() {
        ENVELOPES.clear();
    }

    @Test
    void an_error_is_reported_with_its_correlation_id_release_and_environment_and_without_customer_data() {
        Logger log = LoggerFactory.getLogger("ke.co.datacare.whatsapp.test.Sending");
        MDC.put("correlationId", "corr-reported-1");
        try {
            log.error("Send to {} failed for {}: {}", PHONE, NAME, TEXT);
        } finally {
            MDC.remove("correlationId");
        }

        String envelope = reported("Send to {} failed for {}: {}");
        assertThat(envelope).contains("corr-reported-1").contains("test-env").contains("datacare-whatsapp@test");
        assertThat(envelope).doesNotContain(PHONE).doesNotContain(NAME).doesNotContain(TEXT);
    }

    @Test
    void an_exception_is_reported_with_its_type_and_without_the_values_in_its_message() {
        Logger log = LoggerFactory.getLogger("ke.co.datacare.whatsapp.test.Projection");
        log.error("Projection failed", new IllegalStateException("ERROR: duplicate key value violates unique constraint "
                + "\"contact_view_pkey\" Detail: Key (phone_number)=(" + PHONE + ") already exists; "
                + "Failing row contains (c-1, " + NAME + ", '" + TEXT + "'), contact " + PHONE + " / wanjiku@example.com"));

        String envelope = reported("IllegalStateException");
        assertThat(envelope).contains("duplicate key value violates unique constraint");
        assertThat(envelope).doesNotContain(PHONE).doesNotContain(NAME).doesNotContain(TEXT).doesNotContain("wanjiku@example.com");
    }

    /** Waits for an envelope containing {@code marker}: the SDK sends from a queue of its own. */
    private static String reported(String marker) {
        Sentry.flush(5_000);
        return await().atMost(Duration.ofSeconds(20)).until(() -> ENVELOPES.stream()
                        .filter(envelope -> envelope.contains(marker)).findFirst().orElse(null),
                envelope -> envelope != null);
    }

    private static HttpServer ingest() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/42/envelope/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                ENVELOPES.add(new String(gzip ? gunzip(body) : body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
