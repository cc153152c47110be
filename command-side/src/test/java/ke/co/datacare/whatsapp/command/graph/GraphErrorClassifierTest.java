package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GraphErrorClassifierTest {

    private final GraphErrorClassifier classifier = new GraphErrorClassifier();

    @ParameterizedTest(name = "classifies code {0} as {1}")
    @CsvSource({
            "1, TRANSIENT", "2, TRANSIENT", "4, TRANSIENT", "80007, TRANSIENT", "130429, TRANSIENT",
            "131000, TRANSIENT", "131016, TRANSIENT", "131057, TRANSIENT", "133004, TRANSIENT",
            "2494100, TRANSIENT",
            "131048, TRANSIENT_LONG_WAIT", "131064, TRANSIENT_LONG_WAIT",
            "131056, PAIR_RATE_LIMITED",
            "131047, WINDOW_CLOSED",
            "131050, OPTED_OUT",
            "0, PERMANENT", "190, PERMANENT", "3, PERMANENT", "10, PERMANENT", "200, PERMANENT", "299, PERMANENT",
            "100, PERMANENT", "131008, PERMANENT", "131009, PERMANENT", "131021, PERMANENT", "131026, PERMANENT",
            "131031, PERMANENT", "368, PERMANENT", "130403, PERMANENT", "130472, PERMANENT", "131049, PERMANENT",
            "131051, PERMANENT", "131052, PERMANENT", "131053, PERMANENT", "131062, PERMANENT",
            "132000, PERMANENT", "132001, PERMANENT", "132018, PERMANENT", "133010, PERMANENT"})
    void classifies_metas_codes_whatever_the_http_status(int code, ErrorClass expected) {
        assertThat(classifier.classify(400, code)).isEqualTo(expected);
        assertThat(classifier.classify(500, code)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "without a code, HTTP {0} is {1}")
    @CsvSource({"0, TRANSIENT", "500, TRANSIENT", "502, TRANSIENT", "503, TRANSIENT", "408, TRANSIENT",
            "429, TRANSIENT", "400, PERMANENT", "401, PERMANENT", "404, PERMANENT"})
    void falls_back_on_the_http_status_without_a_code(int httpStatus, ErrorClass expected) {
        assertThat(classifier.classify(httpStatus, null)).isEqualTo(expected);
    }

    @Test
    void treats_an_unknown_code_by_its_http_status() {
        assertThat(classifier.classify(400, 424242)).isEqualTo(ErrorClass.PERMANENT);
        assertThat(classifier.classify(503, 424242)).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void classifies_the_errors_of_a_failed_status_webhook_by_code_alone() {
        assertThat(classifier.classifyStatusError(131047)).isEqualTo(ErrorClass.WINDOW_CLOSED);
        assertThat(classifier.classifyStatusError(131000)).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(classifier.classifyStatusError(424242)).isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void backs_off_4_to_the_n_seconds_after_a_pair_rate_limit() {
        assertThat(ErrorClass.PAIR_RATE_LIMITED.backoff(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(ErrorClass.PAIR_RATE_LIMITED.backoff(2)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ErrorClass.PAIR_RATE_LIMITED.backoff(3)).isEqualTo(Duration.ofSeconds(64));
        assertThat(ErrorClass.PAIR_RATE_LIMITED.backoff(50)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void does_not_retry_what_a_retry_cannot_fix() {
        assertThat(ErrorClass.WINDOW_CLOSED.retryable()).isFalse();
        assertThat(ErrorClass.OPTED_OUT.retryable()).isFalse();
        assertThat(ErrorClass.PERMANENT.backoff(1)).isZero();
        assertThat(ErrorClass.TRANSIENT.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(ErrorClass.TRANSIENT_LONG_WAIT.backoff(1)).isEqualTo(Duration.ofMinutes(15));
    }
}
