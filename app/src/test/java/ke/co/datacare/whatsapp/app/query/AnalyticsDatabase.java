package ke.co.datacare.whatsapp.app.query;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh in-memory database with the analytics tables, for projection tests without Spring. */
final class AnalyticsDatabase {

    private AnalyticsDatabase() {
    }

    static JdbcTemplate create(String name) throws SQLException {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + name + "-"
                + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "NON_KEYWORDS=VALUE,KEY;DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V20__analytics.sql"));
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V45__analytics_conversation_times.sql"));
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V72__analytics_rollups.sql"));
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V140__analytics_period_durations.sql"));
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V152__analytics_agent_month_durations.sql"));
        }
        return new JdbcTemplate(dataSource);
    }
}
