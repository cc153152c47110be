package ke.co.datacare.whatsapp.command.graph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static ke.co.datacare.whatsapp.command.graph.GraphApiTestSupport.PHONE_NUMBER_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta takes 100-500 ms to answer; throughput is what is in flight divided by that. A Graph API stand-in on
 * 127.0.0.1 answers every send after 300 ms without holding a thread while it waits, and counts how many requests it
 * holds at once.
 */
class GraphApiClientConcurrencyTest {

    private static final int SENDS = 200;
    private static final long LATENCY_MS = 300;

    private HttpServer server;
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger mostWaiting = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void start_a_slow_graph_api() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::answerLater);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        answers.shutdownNow();
    }

    @Test
    void keeps_many_sends_in_flight_while_meta_is_slow_to_answer() {
        GraphApiClient client = new GraphApiClient(GraphApiTestSupport.properties(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0", "token", Duration.ofSeconds(10)),
                RestClient.builder());

        long started = System.nanoTime();
        List<CompletableFuture<SendResult>> results = new ArrayList<>();
        for (int i = 0; i < SENDS; i++) {
            results.add(client.sendAsync(PHONE_NUMBER_ID, "2547" + String.format("%08d", i), new TextContent("Habari", false), null,
                    "msg-" + i));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(results).allSatisfy(result -> assertThat(result.join()).isInstanceOf(SendResult.Accepted.class));
        assertThat(received.get()).isEqualTo(SENDS);
        assertThat(mostWaiting.get()).as("requests Meta held at once").isGreaterThanOrEqualTo(SENDS / 4);
        // one at a time would take 60 s (eight threads: 7.5 s, and at most 8 held at once, which the bound above refuses);
        // the time is loose because the machine may be busy
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void a_send_that_meta_does_not_answer_in_time_fails_as_a_transient_timeout_without_holding_up_the_others() {
        GraphApiClient client = new GraphApiClient(GraphApiTestSupport.properties(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0", "token", Duration.ofMillis(150)),
                RestClient.builder());

        SendResult result = client.sendAsync(PHONE_NUMBER_ID, "254700000001", new TextContent("Habari", false), null, "msg-slow").join();

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.error().title()).isEqualTo("Timeout");
            assertThat(failed.error().errorClass().name()).isEqualTo("TRANSIENT");
        });
    }

    private void answerLater(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        int i = received.incrementAndGet();
        mostWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
        answers.schedule(() -> {
            waiting.decrementAndGet();
            byte[] body = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                    + "\"messages\":[{\"id\":\"wamid.CONCURRENT" + i + "\"}]}").getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            } catch (IOException e) {
                // the client gave up waiting
            }
        }, LATENCY_MS, TimeUnit.MILLISECONDS);
    }
}
