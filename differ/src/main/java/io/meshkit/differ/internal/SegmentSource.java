package io.meshkit.differ.internal;

import io.meshkit.core.warehouse.ColumnInfo;
import java.util.List;

/**
 * One side of a cross-database diff: a table that can summarise key ranges (row count and a
 * digest of normalised row texts) and hand over the rows of a small range. Both sides
 * normalise values the same way ({@link CanonicalText}) and order string keys by their bytes, so
 * equal data gives equal summaries whatever the engine, collation or time zone.
 */
public interface SegmentSource extends AutoCloseable {
    /** The table's name, for reports. */
    String tableName();

    /** The table's columns, or a {@link io.meshkit.core.error.NoSuchTableException}. */
    List<ColumnInfo> describe();

    /** Fixes the key and compared columns (types of this side) and the normalisation for what follows. */
    void configure(RowShape shape);

    /** The smallest and largest key of a single integer key column, or null for an empty table. */
    long[] integerKeyBounds();

    /** The rows of the table. */
    long rowCount();

    /**
     * Summaries of the children of several splits, in one query: for each split, one summary per
     * child, in order.
     */
    List<List<Summary>> summarise(List<Split> splits);

    /** Keys that split a range into about {@code parts} parts of equal row counts ({@code rows} rows in it). */
    List<Key> boundaries(KeyRange range, long rows, int parts);

    /** The rows of some small ranges, in key order, in one query. */
    List<SourceRow> rows(List<KeyRange> ranges);

    /** Statements run so far. */
    long queries();

    @Override
    void close();
}
