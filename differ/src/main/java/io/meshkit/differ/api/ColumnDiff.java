package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What changed in one column present on both sides.
 *
 * @param name the column
 * @param productionType the type in production
 * @param candidateType the type in the candidate
 * @param changedRows keys present on both sides whose value differs after normalisation
 * @param masked whether the column is personal data (examples show {@code ***})
 * @param examples up to N changed keys, smallest first
 * @param production profile in production, or null where not computed
 * @param candidate profile in the candidate, or null where not computed
 */
public record ColumnDiff(String name, String productionType, String candidateType, long changedRows, boolean masked,
        List<ValueExample> examples, SideStats production, SideStats candidate) {
    /** Copies the examples. */
    public ColumnDiff {
        requireNonNull(name, "name is null");
        requireNonNull(productionType, "productionType is null");
        requireNonNull(candidateType, "candidateType is null");
        examples = List.copyOf(examples);
    }
}
