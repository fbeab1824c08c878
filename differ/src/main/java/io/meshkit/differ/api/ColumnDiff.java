package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What changed in one column. A column the candidate added is compared as NULL in production: its
 * changed rows are the keys that gained a value. A column the candidate removed is not compared (the
 * schema diff names it), so the diffs of both differs carry no such column. A column the candidate
 * renamed is production's old column compared with the candidate's new one, under the new name.
 *
 * @param name the column
 * @param productionType the type in production, or null for a column the candidate added
 * @param candidateType the type in the candidate, or null for a column the candidate removed
 * @param changedRows keys present on both sides whose value differs after normalisation
 * @param masked whether the column is personal data (examples show {@code ***})
 * @param examples up to N changed keys, smallest first
 * @param production profile in production, or null where not computed
 * @param candidate profile in the candidate, or null where not computed
 * @param renamedFrom production's name of a column the candidate renamed, or null
 */
public record ColumnDiff(String name, String productionType, String candidateType, long changedRows, boolean masked,
        List<ValueExample> examples, SideStats production, SideStats candidate, String renamedFrom) {
    /** Copies the examples. */
    public ColumnDiff {
        requireNonNull(name, "name is null");
        if (productionType == null && candidateType == null) {
            throw new IllegalArgumentException("column " + name + " is on neither side");
        }
        examples = List.copyOf(examples);
    }

    /** A column under the same name on both sides (or on one side only). */
    public ColumnDiff(String name, String productionType, String candidateType, long changedRows, boolean masked,
            List<ValueExample> examples, SideStats production, SideStats candidate) {
        this(name, productionType, candidateType, changedRows, masked, examples, production, candidate, null);
    }

    /** Whether the candidate added this column (production does not have it). */
    public boolean added() {
        return productionType == null;
    }

    /** Whether the candidate removed this column (it has no such column). */
    public boolean removed() {
        return candidateType == null;
    }

    /** Whether the candidate renamed this column ({@link #renamedFrom} is production's name). */
    public boolean renamed() {
        return renamedFrom != null;
    }
}
