package ke.co.datacare.whatsapp.app.operations;

import com.zaxxer.hikari.HikariDataSource;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The db component of health answers quickly, with the service's pool settings, whatever PostgreSQL does. */
class DatabaseHealthTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @Test
    void postgresql_answering_is_up() {
        try (HikariDataSource pool = pool(TestDatabase.url())) {
            Health health = new DatabaseHealth(pool, TIMEOUT).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("database", "PostgreSQL");
        }
    }

    @Test
    void nothing_listening_is_down_within_two_seconds() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing")) {
            assertDownWithinTwoSeconds(new DatabaseHealth(pool, TIMEOUT));
        }
    }

    @Test
    void a_database_that_takes_connections_but_never_answers_is_down_within_two_seconds_every_time() throws IOException {
        try (ServerSocket silent = new ServerSocket(0);
             HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/silent")) {
            long checkThreads = checkThreads();
            DatabaseHealth health = new DatabaseHealth(pool, TIMEOUT);

            assertDownWithinTwoSeconds(health);
            assertDownWithinTwoSeconds(health);
            assertThat(checkThreads() - checkThreads)
                    .as("one thread waits for the silent database, however often health is asked").isEqualTo(1);
        }
    }

    private static void assertDownWithinTwoSeconds(DatabaseHealth indicator) {
        long started = System.nanoTime();
        Health health = indicator.health();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("error");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    private static long checkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("health-db-")).count();
    }

    /** Like the service's pool (connection timeout 3 s), started without a first connection. */
    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "socketTimeout=4&loginTimeout=4");
        pool.setUsername(TestDatabase.USER);
        pool.setPassword("");
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(3000);
        pool.setInitializationFailTimeout(-1);
        return pool;
    }
}
