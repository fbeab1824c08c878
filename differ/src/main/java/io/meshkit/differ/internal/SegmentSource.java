package io.meshkit.differ.internal;

import io.meshkit.core.warehouse.ColumnInfo;
import java.util.List;

/**
 * One side of a cross-database diff: a table that can summarise key ranges (row count and a
 * checksum of normalised row fingerprints) and hand over the rows of a small range. Both sides
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

    /**
     * Summaries of the contiguous children of a range, split at the given boundaries (each child
     * starts at a boundary; the first at the range's lower bound), one query for all children.
     */
    List<Summary> summarise(KeyRange parent, List<Key> boundaries);

    /** Keys that split a range into about {@code parts} parts of equal row counts ({@code rows} rows in it). */
    List<Key> boundaries(KeyRange range, long rows, int parts);

    /** The rows of a small range, in key order. */
    List<SourceRow> rows(KeyRange range);

    /** Statements run so far. */
    long queries();

    @Override
    void close();
}
