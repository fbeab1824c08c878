package io.meshkit.core.contract;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed shape of a type-2 slowly changing dimension (DESIGN.md, the SoundCloud convention):
 * the key columns and attributes, then {@code valid_from}, {@code valid_to} (far future for open
 * versions), {@code is_current} and, with {@code meshkit.deletes: tombstone}, {@code is_deleted}.
 */
public final class Scd2Shape {
    /** Start of a version's validity, inclusive. */
    public static final ColumnName VALID_FROM = ColumnName.of("valid_from");
    /** End of a version's validity, exclusive; {@link #FAR_FUTURE} while open. */
    public static final ColumnName VALID_TO = ColumnName.of("valid_to");
    /** True exactly for the open version of a key. */
    public static final ColumnName IS_CURRENT = ColumnName.of("is_current");
    /** True for a tombstone version (the key was deleted), with {@link DeletesMode#TOMBSTONE}. */
    public static final ColumnName IS_DELETED = ColumnName.of("is_deleted");
    /** The {@code valid_to} of an open version. */
    public static final LocalDateTime FAR_FUTURE = LocalDateTime.of(9999, 12, 31, 0, 0);
    /** The type of {@code valid_from} and {@code valid_to}. */
    public static final DataType TIME_TYPE = DataType.TIMESTAMP;

    private Scd2Shape() {}

    /**
     * The columns that identify one row of the dataset's table: the primary key, and for a dimension
     * also {@code valid_from}, since a dimension keeps several versions of each key. Empty when the
     * contract declares no primary key.
     */
    public static List<ColumnName> rowKey(Dataset dataset) {
        List<ColumnName> key = new ArrayList<>(dataset.primaryKey().stream().map(Column::columnName).toList());
        if (dataset.kind() == DatasetKind.DIMENSION && !key.isEmpty()) {
            key.add(VALID_FROM);
        }
        return List.copyOf(key);
    }
}
