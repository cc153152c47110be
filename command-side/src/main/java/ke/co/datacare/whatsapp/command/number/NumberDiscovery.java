package ke.co.datacare.whatsapp.command.number;

import java.time.Duration;
import ke.co.datacare.whatsapp.command.config.PeriodicTask;
import ke.co.datacare.whatsapp.command.graph.BusinessNumberProperties;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With {@code datacare.whatsapp.numbers.discover=true}, reads the business account's numbers from Meta
 * ({@code GET /{waba-id}/phone_numbers}) at start and every {@code refresh}, so that conversations on any of them can
 * be answered and {@code GET /api/numbers} shows Meta's quality rating and status. A failed read keeps what was read
 * before (the configured numbers are always ours).
 */
@Component
class NumberDiscovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NumberDiscovery.class);

    private final PeriodicTask reads;
    private final boolean enabled;

    NumberDiscovery(GraphApiClient graph, BusinessNumbers numbers, BusinessNumberProperties properties,
                    GraphApiProperties graphProperties) {
        String account = graphProperties.businessAccountId();
        this.enabled = properties.discover() && account != null && !account.isBlank();
        this.reads = new PeriodicTask("number-discovery", Duration.ZERO, properties.refresh(), () -> {
            var listed = graph.listPhoneNumbers();
            numbers.listedByMeta(listed);
            log.info("Business account {} lists {} numbers", account, listed.size());
        });
    }

    @Override
    public void start() {
        if (enabled) {
            reads.start();
        }
    }

    @Override
    public void stop() {
        reads.stop();
    }

    @Override
    public boolean isRunning() {
        return reads.isRunning();
    }

    /** After the web server, which answers for Meta in the sandbox. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
