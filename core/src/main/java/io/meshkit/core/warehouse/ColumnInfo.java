package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.util.List;
import java.util.Optional;

/**
 * A column of a live table or a result.
 *
 * @param name the column name
 * @param type the portable type
 * @param engineType the engine's own spelling of the type, e.g. {@code DECIMAL(18,3)}
 * @param nullable whether the column admits NULL
 */
public record ColumnInfo(ColumnName name, DataType type, String engineType, boolean nullable) {
    /** Validates the fields. */
    public ColumnInfo {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(engineType, "engineType is null");
    }

    /** The column of this name among {@code columns}, ignoring case (warehouses resolve names without case). */
    public static Optional<ColumnInfo> find(List<ColumnInfo> columns, ColumnName name) {
        requireNonNull(name, "name is null");
        return columns.stream().filter(c -> c.name().name().equalsIgnoreCase(name.name())).findFirst();
    }
}
