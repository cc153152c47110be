package ke.co.datacare.whatsapp.query.admin;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams stored events in global order in constant memory: a read-only transaction (PostgreSQL keeps a
 * cursor only with autocommit off) and a fetch size, each row written out before the next is read.
 */
@Component
class EventExport {

    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    EventExport(DataSource dataSource, PlatformTransactionManager transactions) {
        jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    void stream(EventFilter filter, EventWriter writer) {
        List<Object> args = new ArrayList<>();
        String sql = filter.sql(args);
        RowCallbackHandler eachRow = rs -> write(writer, rs);
        readOnly.executeWithoutResult(status -> jdbc.query(sql, eachRow, args.toArray()));
        try {
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(EventWriter writer, ResultSet rs) throws SQLException {
        try {
            writer.write(new StoredEvent(rs.getLong("global_index"), rs.getString("time_stamp"),
                    rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("payload_type"),
                    rs.getString("payload_revision"), rs.getBytes("payload")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
