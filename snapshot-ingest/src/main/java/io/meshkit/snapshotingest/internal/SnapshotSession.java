package io.meshkit.snapshotingest.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.Manifest;
import io.meshkit.snapshotingest.api.LockFallback;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker connections of one run, all reading the same point in time (mydumper's scheme): a short
 * {@code FLUSH TABLES WITH READ LOCK} on a control connection holds writes while every worker starts
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY} and the binary log position is read, then
 * the lock is released, within milliseconds. The lock wait is bounded by {@code lock_wait_timeout} (and a
 * client-side timeout behind it); if the lock cannot be had, the run fails or falls back to one connection.
 */
public final class SnapshotSession implements AutoCloseable {
    private final List<Connection> workers;
    private final Manifest.Position position;
    private final boolean locked;

    private SnapshotSession(List<Connection> workers, Manifest.Position position, boolean locked) {
        this.workers = List.copyOf(workers);
        this.position = position;
        this.locked = locked;
    }

    /**
     * Opens {@code threads} worker connections on one consistent snapshot.
     *
     * @param warnings receives one-line warnings (fallback taken, no binary log)
     */
    public static SnapshotSession open(MySqlSource source, int threads, Duration lockWait, LockFallback fallback, List<String> warnings) {
        List<Connection> workers = new ArrayList<>();
        boolean mariaDb;
        try (Connection control = source.connect(); Statement s = control.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                mariaDb = rs.getString(1).toLowerCase(java.util.Locale.ROOT).contains("mariadb");
            }
            long seconds = Math.max(1, lockWait.toSeconds());
            boolean locked;
            String lockFailure = null;
            try {
                s.execute("SET SESSION lock_wait_timeout = " + seconds);
                s.setQueryTimeout((int) seconds + 5); // backstop: the server's own wait should end first
                s.execute("FLUSH TABLES WITH READ LOCK");
                locked = true;
            } catch (SQLException e) {
                locked = false;
                lockFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                // 1227 (access denied, RELOAD needed) is a missing privilege, not a lock that took too long
                boolean privilege = e.getErrorCode() == 1227 || e.getErrorCode() == 1044 || lockFailure.contains("RELOAD");
                if (privilege) {
                    lockFailure = "the user lacks the RELOAD privilege that FLUSH TABLES WITH READ LOCK needs";
                    if (fallback == LockFallback.FAIL) {
                        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot lock MySQL at " + source.host() + ":" + source.port()
                                + " for a consistent snapshot: " + lockFailure + " (GRANT RELOAD ON *.* TO the user, or"
                                + " --on-lock-timeout single reads on one connection instead)", e);
                    }
                }
                if (fallback == LockFallback.FAIL) {
                    throw new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot lock MySQL at " + source.host() + ":" + source.port()
                            + " for a consistent snapshot within " + seconds + " s: " + lockFailure
                            + " (--on-lock-timeout single reads on one connection instead)", e);
                }
            } finally {
                s.setQueryTimeout(0);
            }
            try {
                int n = locked ? Math.max(1, threads) : 1;
                for (int i = 0; i < n; i++) {
                    Connection w = source.connect();
                    workers.add(w);
                    try (Statement ws = w.createStatement()) {
                        ws.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                        ws.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                    }
                }
                Manifest.Position position;
                if (locked) {
                    position = position(control, mariaDb);
                } else {
                    warnings.add("could not take the read lock (" + lockFailure + "): read on one connection in one transaction");
                    position = mariaDb ? transactionPosition(workers.get(0)) : null;
                }
                if (position == null) {
                    warnings.add("the server exposes no binary log position (binary log off): none recorded");
                }
                return new SnapshotSession(workers, position, locked);
            } finally {
                if (locked) {
                    s.execute("UNLOCK TABLES");
                }
            }
        } catch (SQLException e) {
            closeAll(workers);
            throw source.failure("open a consistent snapshot on", e);
        } catch (RuntimeException e) {
            closeAll(workers);
            throw e;
        }
    }

    private static Manifest.Position position(Connection c, boolean mariaDb) throws SQLException {
        String file = null;
        long pos = -1;
        try (Statement s = c.createStatement()) {
            ResultSet rs;
            try {
                rs = s.executeQuery(mariaDb ? "SHOW MASTER STATUS" : "SHOW BINARY LOG STATUS");
            } catch (SQLException e) {
                rs = s.executeQuery("SHOW MASTER STATUS"); // MySQL before 8.2
            }
            try (ResultSet r = rs) {
                if (r.next()) {
                    file = r.getString(1);
                    pos = r.getLong(2);
                }
            }
            String gtid;
            try (ResultSet r = s.executeQuery(mariaDb ? "SELECT @@gtid_current_pos" : "SELECT @@gtid_executed")) {
                gtid = r.next() ? r.getString(1) : null;
            } catch (SQLException e) {
                gtid = null;
            }
            gtid = gtid == null || gtid.isBlank() ? null : gtid.replace("\n", "");
            return file == null && gtid == null ? null : new Manifest.Position(file, pos, gtid);
        }
    }

    /** MariaDB reports the binary log position of a consistent-snapshot transaction in status variables. */
    private static Manifest.Position transactionPosition(Connection c) throws SQLException {
        String file = null;
        long pos = -1;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (r.next()) {
                if (r.getString(1).equalsIgnoreCase("binlog_snapshot_file")) {
                    file = r.getString(2);
                } else if (r.getString(1).equalsIgnoreCase("binlog_snapshot_position")) {
                    pos = Long.parseLong(r.getString(2));
                }
            }
        }
        return file == null || file.isBlank() ? null : new Manifest.Position(file, pos, null);
    }

    /** The worker connections, each inside its snapshot transaction. */
    public List<Connection> workers() {
        return workers;
    }

    /** The source position of the snapshot, or null when the server exposes none. */
    public Manifest.Position position() {
        return position;
    }

    /** Whether the workers were synchronised by the read lock (else one connection reads everything). */
    public boolean locked() {
        return locked;
    }

    /** Ends the read-only transactions and closes the connections. */
    @Override
    public void close() {
        closeAll(workers);
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // a killed connection cannot be closed cleanly; nothing is left to release
            }
        }
    }
}
