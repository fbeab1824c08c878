package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.WarehouseException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Connections to one PostgreSQL database. A JDBC connection serves one statement at a time, so each
 * operation borrows its own; a few idle ones are kept because connecting costs a round trip or three.
 */
final class ConnectionPool {
    private static final int MAX_IDLE = 8;

    private final String uri;
    private final String jdbcUrl;
    private final Properties properties;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ConnectionPool(String uri, String jdbcUrl, Properties properties) {
        this.uri = uri;
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
    }

    /** Opens a new connection (also how the warehouse checks the server at open). */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, properties);
        open.add(c);
        try (java.sql.Statement s = c.createStatement()) {
            // the driver sends the JVM's zone at startup: meshkit's TIMESTAMP means UTC whatever the host's zone
            s.execute("SET TIME ZONE 'UTC'");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    Lease lease() {
        checkOpen();
        Connection c = idle.pollFirst();
        if (c == null) {
            try {
                c = connect();
            } catch (SQLException e) {
                throw Errors.wrap("connect to warehouse " + uri, e);
            }
        }
        Connection connection = c;
        return new Lease() {
            private boolean released;

            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public boolean inTransaction() {
                return false;
            }

            @Override
            public void release(boolean broken) {
                if (!released) {
                    released = true;
                    giveBack(connection, broken);
                }
            }
        };
    }

    void giveBack(Connection c, boolean broken) {
        boolean reusable = !broken && !closed && idle.size() < MAX_IDLE;
        try {
            reusable = reusable && c.getAutoCommit() && !c.isClosed();
        } catch (SQLException e) {
            reusable = false;
        }
        if (reusable) {
            idle.addFirst(c);
            if (closed && idle.remove(c)) { // close() ran meanwhile
                closeQuietly(c);
            }
        } else {
            closeQuietly(c);
        }
    }

    void checkOpen() {
        if (closed) {
            throw new WarehouseException(ErrorCode.WAREHOUSE_FAILURE, "Cannot use warehouse " + uri + ": it is closed", null);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes every connection, including those of unfinished streams. */
    void close() {
        closed = true;
        idle.clear();
        List<Connection> all = new ArrayList<>(open);
        all.forEach(this::closeQuietly);
    }

    private void closeQuietly(Connection c) {
        open.remove(c);
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to recover: the connection is gone either way
        }
    }
}
