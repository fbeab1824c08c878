package io.meshkit.snapshotingest.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a MySQL table differs from its contract.
 *
 * @param differences every difference, in column order
 */
public record Drift(List<Difference> differences) {
    /** Copies. */
    public Drift {
        differences = List.copyOf(differences);
    }

    /** What changed in MySQL relative to the contract. */
    public enum Change {
        /** A column is in MySQL but not in the contract (additive). */
        ADDED,
        /** A column of the contract is not in MySQL. */
        DROPPED,
        /** A column's MySQL type does not fit the contract's type. */
        RETYPED
    }

    /**
     * One difference.
     *
     * @param change what changed
     * @param column the column (its MySQL name, or the contract's name when dropped)
     * @param detail a one-line explanation, without row values
     */
    public record Difference(Change change, String column, String detail) {
        /** Validates. */
        public Difference {
            requireNonNull(change, "change is null");
            requireNonNull(column, "column is null");
            requireNonNull(detail, "detail is null");
        }

        @Override
        public String toString() {
            return switch (change) {
                case ADDED -> "+ ";
                case DROPPED -> "- ";
                case RETYPED -> "~ ";
            } + detail;
        }
    }

    /** Whether there is no difference. */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** Whether every difference is an added column. */
    public boolean isAdditive() {
        return differences.stream().allMatch(d -> d.change() == Change.ADDED);
    }
}
