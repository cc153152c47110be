package ke.co.datacare.whatsapp.command.graph;

import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

final class ManualTime implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
