package ke.co.datacare.whatsapp.query.admin;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples every processor's position every few seconds; the rate is the one between the last two samples. */
@Component
class ProcessorThroughput {

    static final long INTERVAL_SECONDS = 5;

    private record Sample(long nanos, long position) {
    }

    private record Rate(Sample last, Double eventsPerSecond) {
    }

    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("projection-throughput"));

    ProcessorThroughput(ProcessorPositions positions) {
        sampler.scheduleAtFixedRate(() -> positions.current().forEach(this::record), INTERVAL_SECONDS,
                INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    void record(String processor, long position) {
        Sample now = new Sample(System.nanoTime(), position);
        rates.compute(processor, (name, previous) -> previous == null ? new Rate(now, null)
                : new Rate(now, perSecond(previous.last(), now)));
    }

    OptionalDouble eventsPerSecond(String processor) {
        Rate rate = rates.get(processor);
        return rate == null || rate.eventsPerSecond() == null ? OptionalDouble.empty()
                : OptionalDouble.of(rate.eventsPerSecond());
    }

    private static double perSecond(Sample from, Sample to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double events = Math.max(0, to.position() - from.position());
        return seconds <= 0 ? 0 : Math.round(events / seconds * 10) / 10.0;
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }
}
