package ke.co.datacare.whatsapp.app.webhook;

import ke.co.datacare.whatsapp.app.support.SignedInTest;
import ke.co.datacare.whatsapp.app.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow-loris against the webhook endpoint, over real HTTP: clients that send their body a byte at a time, as many as
 * there are read slots, are each answered 408 once the read timeout is up, and the slots are free again after.
 */
class WebhookReadTimeoutTest extends SignedInTest {

    private static final Duration TRICKLE = Duration.ofMillis(250);

    @Value("${datacare.webhook.read-timeout}")
    Duration readTimeout;

    @Value("${datacare.webhook.max-concurrent-reads}")
    int readSlots;

    @Test
    void clients_that_trickle_their_body_get_408_when_the_read_timeout_is_up_and_free_their_slots() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(readSlots);
        try {
            List<CompletableFuture<SlowAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < readSlots; i++) {
                answers.add(CompletableFuture.supplyAsync(this::trickleABody, clients));
            }
            for (CompletableFuture<SlowAnswer> answer : answers) {
                SlowAnswer slow = answer.get(readTimeout.toSeconds() + 30, TimeUnit.SECONDS);
                assertThat(slow.head()).startsWith("HTTP/1.1 408");
                assertThat(slow.head()).containsIgnoringCase("Content-Type: application/problem+json");
                assertThat(slow.head()).contains("\"code\":\"REQUEST_TIMEOUT\"");
                assertThat(slow.after()).isLessThan(readTimeout.plus(Duration.ofSeconds(5)));
            }
        } finally {
            clients.shutdownNow();
        }

        long now = Instant.now().getEpochSecond();
        assertThat(client.postWebhook(Webhooks.text("254799300001", "Loris After", "wamid.loris-after-" + now, now,
                "Habari")).statusCode()).as("a read slot is free").isEqualTo(200);
    }

    record SlowAnswer(String head, Duration after) {
    }

    /** Declares a body of 10,000 bytes and sends one byte every 250 ms until the server answers. */
    private SlowAnswer trickleABody() {
        long started = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) readTimeout.plusSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhook/whatsapp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Hub-Signature-256: sha256=00\r\nContent-Length: 10000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.available() == 0) {
                Thread.sleep(TRICKLE.toMillis());
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
            }
            return new SlowAnswer(head(in), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status line, headers and as much of the body as arrives within a moment. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            int read = in.read(chunk);
            if (read < 0) {
                break;
            }
            head.write(chunk, 0, read);
            if (head.toString(StandardCharsets.UTF_8).contains("}")) {
                break;
            }
        }
        return head.toString(StandardCharsets.UTF_8);
    }
}
