package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.CanonicalText.Column;
import io.meshkit.differ.api.Normalisation;
import java.util.List;

/**
 * What one side fingerprints and downloads: key columns, compared columns with this side's types
 * and the numeric form agreed by both sides ({@link CanonicalText.Form}), and the normalisation.
 */
public record RowShape(List<Column> key, List<Column> columns, Normalisation normalisation) {
    /** Copies. */
    public RowShape {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        requireNonNull(normalisation, "normalisation is null");
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
