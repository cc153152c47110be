package ke.co.datacare.whatsapp.command.partition;

import ke.co.datacare.whatsapp.command.config.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The partitions one worker owns, as PostgreSQL session advisory locks on a connection of its own. Every
 * worker also holds a presence lock, so each sees how many workers are alive (on every instance) and takes its fair
 * share of the partitions: it gives back what exceeds the share and takes free ones up to it. When an instance dies,
 * its sessions end, their locks go, and the others take the partitions at their next rebalance; a worker whose
 * connection broke owns nothing until it has a new one. On a database without advisory locks (the embedded H2 of the
 * zero-setup mode, one process by design) the workers of this instance split the partitions among themselves.
 */
public final class PartitionClaims implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionClaims.class);
    private static final String HELD_BY_ANYONE = "select objid::int from pg_locks where locktype = 'advisory' and granted "
            + "and classid = ?::oid and objsubid = 2 and database = (select oid from pg_database where datname = current_database())";
    private static final String LIVE_WORKERS = "select count(*) from pg_locks where locktype = 'advisory' and granted "
            + "and classid = ?::oid and objsubid = 2 and database = (select oid from pg_database where datname = current_database())";

    /**
     * Whose partitions: a name for the logs and the two advisory lock classes (two-int form), one for the partitions
     * and one for the workers' presence, distinct for every kind of work.
     */
    public record Kind(String name, int partitionClass, int presenceClass) {

        /** The webhook inbox: "WBP1" for partitions, "WBW1" for worker presence. */
        public static final Kind WEBHOOKS = new Kind("Webhook", 0x57425031, 0x57425731);
        /** Campaign recipients: "CMP1" for partitions, "CMW1" for worker presence. */
        public static final Kind CAMPAIGNS = new Kind("Campaign", 0x434d5031, 0x434d5731);
    }

    private final DataSource dataSource;
    private final Kind kind;
    private final int partitions;
    private final int worker;
    private final int workers;
    private final Set<Integer> held = new TreeSet<>();
    private Connection connection;
    private Boolean advisoryLocks;

    public PartitionClaims(DataSource dataSource, Kind kind, int partitions, int worker, int workers) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.partitions = partitions;
        this.worker = worker;
        this.workers = workers;
    }

    /** The partitions owned now (a copy). */
    public Set<Integer> held() {
        return Set.copyOf(held);
    }

    /** Gives back or takes partitions towards this worker's fair share; owns nothing while the database is away. */
    public void rebalance() {
        try {
            if (advisoryLocks == null) {
                advisoryLocks = SqlDialect.isPostgres(dataSource);
            }
            if (!advisoryLocks) {
                for (int partition = worker; partition < partitions; partition += workers) {
                    held.add(partition);
                }
                return;
            }
            if (connection == null || !connection.isValid(2)) {
                reconnect();
            }
            int live = Math.max(1, count(LIVE_WORKERS, kind.presenceClass()));
            int share = (partitions + live - 1) / live;
            while (held.size() > share) {
                int last = ((TreeSet<Integer>) held).last();
                unlock(last);
                held.remove(last);
            }
            if (held.size() < share) {
                Set<Integer> taken = takenByAnyone();
                int start = ThreadLocalRandom.current().nextInt(partitions);
                for (int i = 0; i < partitions && held.size() < share; i++) {
                    int partition = (start + i) % partitions;
                    if (!taken.contains(partition) && tryLock(kind.partitionClass(), partition)) {
                        held.add(partition);
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("{} partition claims lost ({}); work resumes with a new connection", kind.name(), e.toString());
            drop();
        }
    }

    private void reconnect() throws SQLException {
        drop();
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        if (!tryLock(kind.presenceClass(), ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE))) {
            throw new SQLException("no presence lock");
        }
    }

    private Set<Integer> takenByAnyone() throws SQLException {
        Set<Integer> taken = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(HELD_BY_ANYONE)) {
            query.setInt(1, kind.partitionClass());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    taken.add(rows.getInt(1));
                }
            }
        }
        return taken;
    }

    private int count(String sql, int lockClass) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, lockClass);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private boolean tryLock(int lockClass, int id) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, lockClass);
            lock.setInt(2, id);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private void unlock(int partition) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, kind.partitionClass());
            unlock.setInt(2, partition);
            unlock.execute();
        }
    }

    /** Forgets every claim; the session's locks go with it (or with the session, if it is broken). */
    private void drop() {
        held.clear();
        if (connection != null) {
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            } catch (SQLException ignored) {
                // the session is gone, and its locks with it
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
