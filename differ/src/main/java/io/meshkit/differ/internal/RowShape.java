package io.meshkit.differ.internal;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.util.List;

/**
 * What one side hashes and downloads: key columns, compared columns with this side's types and the
 * numeric places agreed by both sides, and the normalisation.
 */
public record RowShape(List<Col> key, List<Col> columns, Normalisation normalisation) {
    /** A column with its type on this side and its numeric places ({@link CanonicalText#scale}). */
    public record Col(ColumnName name, DataType type, int scale) {}

    /** Copies. */
    public RowShape {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    /** Whether the key is one integer column (ranges can then be split by arithmetic). */
    public boolean singleIntegerKey() {
        return key.size() == 1 && key.get(0).type().isInteger();
    }
}
