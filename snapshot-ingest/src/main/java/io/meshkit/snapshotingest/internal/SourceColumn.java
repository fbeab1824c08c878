package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.type.DataType;

/**
 * A MySQL column and how meshkit lands it.
 *
 * @param name the MySQL column name (also its name in the part files)
 * @param columnType MySQL's full type, e.g. {@code bigint(20) unsigned}
 * @param nullable whether it may be NULL
 * @param type the portable type it maps to
 * @param kind how its values are read and written
 * @param precision decimal precision or BIT width, else -1
 * @param scale decimal scale, else -1
 */
public record SourceColumn(String name, String columnType, boolean nullable, DataType type, ValueKind kind, int precision, int scale) {
    /** Validates. */
    public SourceColumn {
        requireNonNull(name, "name is null");
        requireNonNull(columnType, "columnType is null");
        requireNonNull(type, "type is null");
        requireNonNull(kind, "kind is null");
    }
}
