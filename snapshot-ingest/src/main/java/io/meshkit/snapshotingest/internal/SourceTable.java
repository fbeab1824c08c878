package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A MySQL table as {@code information_schema} describes it.
 *
 * @param database the database
 * @param name the table
 * @param columns its columns in order, mapped to meshkit types
 * @param primaryKey its primary key columns in key order (empty if it has none)
 * @param estimatedRows the server's row estimate ({@code TABLE_ROWS}), not an exact count
 */
public record SourceTable(String database, String name, List<SourceColumn> columns, List<String> primaryKey, long estimatedRows) {
    /** Copies. */
    public SourceTable {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** A column by name (MySQL column names are case-insensitive). */
    public Optional<SourceColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }
}
