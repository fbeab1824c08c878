package io.meshkit.core.warehouse.jdbc;

import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.StatementTiming;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A streamed JDBC result holding its own connection until it is exhausted or closed. A result that
 * runs in a transaction of its own (a cursor outside the caller's transaction: the lease is not in
 * one, yet auto-commit is off) ends it when it ends: committed, or rolled back if reading failed.
 * Its statement then goes to {@code keep} (the connection's {@link StatementCache}), or is closed if
 * reading failed.
 */
final class JdbcResultRows implements ResultRows {
    private final Lease lease;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final List<ColumnInfo> columns;
    private final ValueReader[] readers;
    private final List<Object> parameters;
    private final JdbcErrors errors;
    private final long startNanos;
    private final long preparedNanos;
    private final long executedNanos;
    private long rows;
    private final Consumer<PreparedStatement> keep;
    private volatile long endNanos = -1;
    private boolean iterated;
    private boolean closed;

    JdbcResultRows(Lease lease, PreparedStatement statement, ResultSet resultSet, List<ColumnInfo> columns, ValueReader[] readers,
            List<Object> parameters, JdbcErrors errors, long startNanos, long preparedNanos, long executedNanos,
            Consumer<PreparedStatement> keep) {
        this.lease = lease;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columns = columns;
        this.readers = readers;
        this.parameters = parameters;
        this.errors = errors;
        this.startNanos = startNanos;
        this.preparedNanos = preparedNanos;
        this.executedNanos = executedNanos;
        this.keep = keep;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public synchronized Iterator<Row> iterator() {
        if (iterated) {
            throw new IllegalStateException("a result can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                if (next == null && !closed) {
                    next = fetch();
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        };
    }

    private Row fetch() {
        try {
            if (!resultSet.next()) {
                close();
                return null;
            }
            rows++;
            Object[] values = new Object[readers.length];
            for (int i = 0; i < readers.length; i++) {
                values[i] = readers[i].read(resultSet, i + 1);
            }
            return new JdbcRow(columns, values);
        } catch (SQLException e) {
            closeBroken();
            throw errors.wrap("read query result", e, parameters);
        }
    }

    @Override
    public QueryStats stats() {
        long end = endNanos < 0 ? System.nanoTime() : endNanos;
        return QueryStats.ofElapsed(Duration.ofNanos(end - startNanos));
    }

    @Override
    public Optional<StatementTiming> timing() {
        long end = endNanos;
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(new StatementTiming(Duration.ofNanos(preparedNanos - startNanos), Duration.ofNanos(executedNanos - preparedNanos),
                Duration.ofNanos(end - executedNanos), rows));
    }

    @Override
    public synchronized void close() {
        release(false);
    }

    private synchronized void closeBroken() {
        release(true);
    }

    private void release(boolean broken) {
        if (closed) {
            return;
        }
        closed = true;
        endNanos = System.nanoTime();
        try {
            resultSet.close();
            Connection c = lease.connection();
            if (!lease.inTransaction() && !c.getAutoCommit()) {
                // the cursor's own transaction: commit what the statement did (a query may be DML with RETURNING)
                if (broken) {
                    c.rollback();
                } else {
                    c.commit();
                }
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            broken = true;
        }
        if (broken) {
            StatementCache.closeQuietly(statement);
        } else {
            keep.accept(statement);
        }
        lease.release(broken);
    }
}
