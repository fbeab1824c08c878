package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a warehouse knows about a table.
 *
 * @param id the table
 * @param columns the columns in order
 * @param rowCount the number of rows
 * @param bytes the stored size, where the engine reports it
 * @param lastModified when the table last changed, where the engine reports it
 */
public record TableInfo(TableId id, List<ColumnInfo> columns, long rowCount, OptionalLong bytes, Optional<Instant> lastModified) {
    /** Copies the columns. */
    public TableInfo {
        requireNonNull(id, "id is null");
        columns = List.copyOf(columns);
        requireNonNull(bytes, "bytes is null");
        requireNonNull(lastModified, "lastModified is null");
    }

    /** The column with this name, ignoring case (warehouses resolve names without case). */
    public Optional<ColumnInfo> column(ColumnName name) {
        return ColumnInfo.find(columns, name);
    }
}
