package ke.co.datacare.whatsapp.app.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which adapters the service runs on: logged at start-up and shown in {@code /actuator/info}. */
@Component
class ModeInfo implements InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(ModeInfo.class);

    private final Environment environment;

    ModeInfo(Environment environment) {
        this.environment = environment;
    }

    Map<String, Object> mode() {
        Map<String, Object> mode = new LinkedHashMap<>();
        String url = environment.getProperty("spring.datasource.url", "");
        mode.put("database", url.startsWith("jdbc:h2") ? "embedded-h2" : url.startsWith("jdbc:postgresql") ? "postgresql" : "other");
        mode.put("eventStore", environment.getProperty("axon.axonserver.enabled", Boolean.class, false)
                ? "axon-server" : "jdbc-storage-engine");
        mode.put("redis", environment.getProperty("datacare.redis.enabled", Boolean.class, false)
                ? "redis" : "in-process fallback");
        String token = environment.getProperty("datacare.whatsapp.access-token");
        mode.put("graphApi", token == null || token.isBlank() ? "sandbox" : "meta");
        return mode;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("mode", mode());
    }

    @EventListener(ApplicationReadyEvent.class)
    void logMode() {
        Map<String, Object> mode = mode();
        log.info("Running with database={}, event store={}, redis={}, graph API={}", mode.get("database"),
                mode.get("eventStore"), mode.get("redis"), mode.get("graphApi"));
        if ("in-process fallback".equals(mode.get("redis"))) {
            log.info("REDIS_URL is not set: bot context and rate limits use in-process fallbacks");
        }
    }
}
