package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column the candidate renamed: production's {@code from} holds what the candidate's {@code to} holds, so the
 * diff compares the two (under the new name) instead of reporting one column removed and another added.
 *
 * @param from the column's name in production
 * @param to its name in the candidate
 */
public record ColumnRename(ColumnName from, ColumnName to) {
    /** Validates. */
    public ColumnRename {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.name().equalsIgnoreCase(to.name())) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff with a rename of " + from + " to itself");
        }
    }

    /** A rename. */
    public static ColumnRename of(String from, String to) {
        return new ColumnRename(ColumnName.of(from), ColumnName.of(to));
    }

    /**
     * The renames a dataset's contract declares ({@code meshkit.renamedFrom} on the new column), in its column
     * order, as warehouse columns. A contract keeps declaring a rename after production has it; the differs
     * then have nothing to pair (see {@link DiffRequest#renames}).
     */
    public static List<ColumnRename> declaredBy(Dataset dataset) {
        requireNonNull(dataset, "dataset is null");
        List<ColumnRename> out = new ArrayList<>();
        for (Column c : dataset.columns()) {
            c.renamedFrom().ifPresent(old -> out.add(new ColumnRename(ColumnName.of(old), c.columnName())));
        }
        return out;
    }

    /** Whether this rename names the column (either of its names, without case). */
    boolean names(ColumnName column) {
        String n = column.name().toLowerCase(Locale.ROOT);
        return from.name().toLowerCase(Locale.ROOT).equals(n) || to.name().toLowerCase(Locale.ROOT).equals(n);
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
