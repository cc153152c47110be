package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last requests the sandbox received, oldest first, for demos and tests, within a count and a byte budget (the
 * oldest are dropped first; a body larger than the whole budget is recorded without it). Headers are not kept, so
 * the Authorization header never shows.
 */
class SandboxRequestLog {

    record RecordedRequest(Instant receivedAt, String method, String path, JsonNode body) {

        /** Roughly what it holds: the path and the body's text. */
        long size() {
            return path.length() + (body == null ? 0 : body.toString().length());
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final BoundedStore<Long, RecordedRequest> requests;
    private final Clock clock;

    SandboxRequestLog(int maxCount, long maxBytes, Clock clock) {
        this.requests = new BoundedStore<>(maxCount, maxBytes, RecordedRequest::size);
        this.clock = clock;
    }

    void record(String method, String path, JsonNode body) {
        RecordedRequest request = new RecordedRequest(clock.instant(), method, path, body);
        if (!requests.fits(request)) {
            request = new RecordedRequest(request.receivedAt(), method, path, null);
        }
        requests.put(sequence.incrementAndGet(), request);
    }

    List<RecordedRequest> list() {
        return requests.values();
    }
}
