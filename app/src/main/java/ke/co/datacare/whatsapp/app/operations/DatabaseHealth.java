package ke.co.datacare.whatsapp.app.operations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The {@code db} component of {@code /actuator/health} (in place of Spring Boot's): a pooled connection that answers
 * {@code isValid}, DOWN when PostgreSQL fails or gives no answer within {@code datacare.health.db-timeout} (1.5 s),
 * so that health and readiness answer quickly during an outage instead of waiting for the pool's connection timeout.
 */
@Component("dbHealthIndicator")
class DatabaseHealth implements HealthIndicator {

    private final BoundedCheck<String> check;

    DatabaseHealth(DataSource dataSource, @Value("${datacare.health.db-timeout:1500ms}") Duration timeout) {
        this.check = new BoundedCheck<>("db", timeout, () -> databaseName(dataSource, timeout));
    }

    @Override
    public Health health() {
        BoundedCheck.Answer<String> answer = check.answer();
        return answer.answered() ? Health.up().withDetail("database", answer.value()).build()
                : Health.down().withDetail("error", answer.problem()).build();
    }

    private static String databaseName(DataSource dataSource, Duration timeout) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new IllegalStateException("the connection is not valid");
            }
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
