package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last requests the sandbox received, oldest first, for demos and tests. Headers are not kept, so the
 * Authorization header never shows.
 */
class SandboxRequestLog {

    record RecordedRequest(Instant receivedAt, String method, String path, JsonNode body) {
    }

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final int capacity;
    private final Clock clock;

    SandboxRequestLog(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    synchronized void record(String method, String path, JsonNode body) {
        if (requests.size() == capacity) {
            requests.removeFirst();
        }
        requests.addLast(new RecordedRequest(clock.instant(), method, path, body));
    }

    synchronized List<RecordedRequest> list() {
        return List.copyOf(requests);
    }
}
