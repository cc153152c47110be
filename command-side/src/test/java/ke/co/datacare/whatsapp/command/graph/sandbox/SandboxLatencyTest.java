package ke.co.datacare.whatsapp.command.graph.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SandboxLatencyTest {

    @Test
    void without_latency_the_answer_is_there_at_once() {
        SandboxLatency latency = new SandboxLatency(Duration.ZERO, Duration.ZERO);

        assertThat(latency.answer("ok")).isCompletedWithValue("ok");
    }

    @Test
    void answers_come_between_the_shortest_and_the_longest_time_and_many_wait_at_once() throws Exception {
        SandboxLatency latency = new SandboxLatency(Duration.ofMillis(150), Duration.ofMillis(400));
        try {
            long start = System.nanoTime();
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                answers.add(latency.answer(i).thenApply(value -> {
                    long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    assertThat(waited).isGreaterThanOrEqualTo(150);
                    return value;
                }));
            }
            assertThat(answers.get(0)).isNotDone();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
            long all = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertThat(answers).extracting(CompletableFuture::join).hasSize(500).doesNotHaveDuplicates();
            assertThat(all).as("500 answers wait side by side, not one after the other").isLessThan(5_000);
        } finally {
            latency.destroy();
        }
    }
}
