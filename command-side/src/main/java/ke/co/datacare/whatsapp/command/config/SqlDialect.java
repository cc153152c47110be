package ke.co.datacare.whatsapp.command.config;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Which database the command side writes to: PostgreSQL (advisory locks, {@code on conflict}) or the embedded H2
 * database of the zero-setup mode (one process: plain statements do).
 */
public final class SqlDialect {

    private SqlDialect() {
    }

    public static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return isPostgres(connection);
        }
    }

    public static boolean isPostgres(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }
}
