package io.meshkit.core.warehouse;

import java.util.Iterator;
import java.util.List;

/**
 * A streamed result: rows are fetched as they are iterated, never all held in memory. Close it
 * (try-with-resources) to release the cursor; {@link #stats()} is complete once iteration ended.
 */
public interface ResultRows extends Iterable<Row>, AutoCloseable {
    /** The columns of the result. */
    List<ColumnInfo> columns();

    /** The rows; can be iterated once. */
    @Override
    Iterator<Row> iterator();

    /** What the query cost so far. */
    QueryStats stats();

    /**
     * Where the time went (preparing, executing, reading), once the result is closed, where the
     * warehouse measures it; empty otherwise.
     */
    default java.util.Optional<StatementTiming> timing() {
        return java.util.Optional.empty();
    }

    /** Releases the cursor and its connection. Never throws a checked exception. */
    @Override
    void close();

    /** The result of a statement that returns no rows (DDL, DML): no columns, no rows, its stats. */
    static ResultRows empty(QueryStats stats) {
        java.util.Objects.requireNonNull(stats, "stats is null");
        return new ResultRows() {
            @Override
            public List<ColumnInfo> columns() {
                return List.of();
            }

            @Override
            public Iterator<Row> iterator() {
                return java.util.Collections.emptyIterator();
            }

            @Override
            public QueryStats stats() {
                return stats;
            }

            @Override
            public void close() {}
        };
    }
}
