package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.WarehouseException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.duckdb.DuckDBConnection;

/**
 * Connections to one DuckDB database. A DuckDB JDBC connection is not safe for concurrent use, so
 * each operation borrows its own, duplicated from the root (which is also how an in-memory database
 * is shared). A few idle ones are kept because duplicating costs a little.
 */
final class ConnectionPool {
    private static final int MAX_IDLE = 8;

    /** The storage metadata the scan estimates of this database read. */
    final ScanEstimate.Cache scanCache = new ScanEstimate.Cache();
    private final String uri;
    private final DuckDBConnection root;
    private final Deque<DuckDBConnection> idle = new ConcurrentLinkedDeque<>();
    private final Set<DuckDBConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ConnectionPool(String uri, DuckDBConnection root) {
        this.uri = uri;
        this.root = root;
    }

    Lease lease() {
        checkOpen();
        DuckDBConnection c = idle.pollFirst();
        if (c == null) {
            try {
                c = root.duplicate();
            } catch (SQLException e) {
                throw Errors.wrap("connect to warehouse " + uri, e);
            }
            open.add(c);
        }
        DuckDBConnection connection = c;
        return new Lease() {
            private boolean released;

            @Override
            public DuckDBConnection connection() {
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

    private void giveBack(DuckDBConnection c, boolean broken) {
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

    /** Closes every connection, including those of unfinished streams, then the root. */
    void close() {
        closed = true;
        idle.clear();
        List<DuckDBConnection> all = new ArrayList<>(open);
        all.forEach(this::closeQuietly);
        closeQuietly(root);
    }

    private void closeQuietly(DuckDBConnection c) {
        open.remove(c);
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to recover: the connection is gone either way
        }
    }
}
