package io.meshkit.core.warehouse.jdbc;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.WarehouseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Connections to one database. A JDBC connection serves one statement at a time, so each operation
 * and each result stream borrows its own; a few idle ones are kept because a new one costs a little
 * (a round trip or three to a server, a duplicate of an embedded database's root connection). Each
 * connection has a {@link StatementCache} of its prepared statements, closed with it.
 */
public final class ConnectionPool {
    /** How a new connection is made (the pool keeps track of it and closes it). */
    @FunctionalInterface
    public interface Connector {
        /** A new connection, ready to use, in auto-commit. */
        Connection connect() throws SQLException;
    }

    private static final int MAX_IDLE = 8;

    private final String uri;
    private final Connector connector;
    private final JdbcErrors errors;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Connection, StatementCache> statements = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param uri the warehouse's URI without secrets, for messages
     * @param connector makes a new connection
     * @param errors how the engine's errors read, for a failure to connect
     */
    public ConnectionPool(String uri, Connector connector, JdbcErrors errors) {
        this.uri = uri;
        this.connector = connector;
        this.errors = errors;
    }

    /** Opens a new connection that the pool tracks; give it back with {@link #giveBack} (also how a warehouse checks the server at open). */
    public Connection connect() throws SQLException {
        Connection c = connector.connect();
        open.add(c);
        return c;
    }

    /** Borrows an idle connection, or a new one. */
    public Lease lease() {
        checkOpen();
        Connection c = idle.pollFirst();
        if (c == null) {
            try {
                c = connect();
            } catch (SQLException e) {
                throw errors.wrap("connect to warehouse " + uri, e);
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

    /** Takes a connection back: kept for reuse if it is sound and in auto-commit, closed otherwise. */
    public void giveBack(Connection c, boolean broken) {
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

    /** The prepared statements kept for a connection of this pool (while it is open). */
    StatementCache statements(Connection c) {
        StatementCache cache = statements.computeIfAbsent(c, k -> new StatementCache());
        if (!open.contains(c)) { // closed meanwhile: keep nothing for it
            statements.remove(c, cache);
            cache.close();
        }
        return cache;
    }

    /** Throws if the pool (the warehouse) is closed. */
    public void checkOpen() {
        if (closed) {
            throw new WarehouseException(ErrorCode.WAREHOUSE_FAILURE, "Cannot use warehouse " + uri + ": it is closed", null);
        }
    }

    /** Closes every connection, including those of unfinished streams. */
    public void close() {
        closed = true;
        idle.clear();
        List<Connection> all = new ArrayList<>(open);
        all.forEach(this::closeQuietly);
    }

    private void closeQuietly(Connection c) {
        open.remove(c);
        StatementCache cache = statements.remove(c);
        if (cache != null) {
            cache.close();
        }
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to recover: the connection is gone either way
        }
    }
}
