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

    /** Releases the cursor and its connection. Never throws a checked exception. */
    @Override
    void close();
}
