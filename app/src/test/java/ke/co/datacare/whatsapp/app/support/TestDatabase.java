package ke.co.datacare.whatsapp.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per test run (per JVM), on the PostgreSQL this machine runs
 * (127.0.0.1:5432, trust auth), so runs never see each other's data. Dropped when the JVM exits.
 * {@code TEST_PG_HOST}, {@code TEST_PG_PORT} and {@code TEST_PG_USER} override the defaults.
 */
public final class TestDatabase {

    private static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");

    private static String url;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (url == null) {
            url = create("datacare_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        }
        return url;
    }

    /** Another fresh database, for tests that need one of their own (replay, outage). */
    public static String create(String name) {
        execute("create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("drop database if exists " + name + " with (force)")));
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    /**
     * A database of a test class's own, created when its context starts: a second application context on
     * the shared database would run a second set of event processors on the same events.
     */
    public static final class Own {
        private final String prefix;
        private String url;

        public Own(String prefix) {
            this.prefix = prefix;
        }

        public javax.sql.DataSource dataSource() {
            com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
            dataSource.setJdbcUrl(url());
            dataSource.setUsername(USER);
            dataSource.setPassword("");
            dataSource.setMaximumPoolSize(16);
            return dataSource;
        }

        public synchronized String url() {
            if (url == null) {
                url = create("datacare_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
            }
            return url;
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is needed for the tests: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
