package ke.co.datacare.whatsapp.query.paging;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Locale;

/** Which database answers: PostgreSQL has the search indexes; the embedded H2 database searches by plain matching. */
public final class SqlDialect {

    private SqlDialect() {
    }

    public static boolean isPostgres(JdbcTemplate jdbc) {
        String product = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }
}
