package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.CanonicalText.Column;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.core.identifier.ColumnName;
import java.util.List;
import java.util.Set;

/**
 * What one side fingerprints and downloads: key columns, compared columns with this side's types
 * and the numeric form agreed by both sides ({@link CanonicalText.Form}), and the normalisation.
 * A column in {@code absent} is not in this side's table (the other side added or removed it): it
 * reads as NULL, with the other side's type.
 */
public record RowShape(List<Column> key, List<Column> columns, Normalisation normalisation, Set<ColumnName> absent) {
    /** Copies. */
    public RowShape {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        requireNonNull(normalisation, "normalisation is null");
        absent = Set.copyOf(absent);
    }

    /** A shape whose columns are all in the table. */
    public RowShape(List<Column> key, List<Column> columns, Normalisation normalisation) {
        this(key, columns, normalisation, Set.of());
    }

    /** Whether this side's table lacks the column. */
    public boolean isAbsent(Column column) {
        return absent.contains(column.name());
    }

    /** Whether the key is one integer column (ranges can then be split by arithmetic). */
    public boolean singleIntegerKey() {
        return key.size() == 1 && key.get(0).type().isInteger();
    }

    /** How the canonical text treats values that are not numbers (numbers follow each column's form). */
    public CanonicalText.Rules rules() {
        return new CanonicalText.Rules(normalisation.timestampPrecision(), normalisation.trim(), normalisation.caseFold());
    }
}
