package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import java.util.Optional;

/**
 * An additive quantity: summed over the rows of the sample it estimates a total once scaled by
 * {@code 1/rate}. Every metric is one measure or the ratio of two.
 *
 * @param kind what is counted or summed
 * @param column the column of {@link Kind#SUM} and {@link Kind#COUNT_OF}; empty otherwise
 */
public record Measure(Kind kind, Optional<ColumnName> column) {
    /** What a measure adds up. */
    public enum Kind {
        /** Rows. */
        ROWS,
        /** Distinct sampling keys (users). */
        KEYS,
        /** The sum of a numeric column. */
        SUM,
        /** Rows where a column is not NULL (the denominator of a mean). */
        COUNT_OF
    }

    /** Checks that a column is given exactly when the kind needs one. */
    public Measure {
        requireNonNull(kind, "kind is null");
        requireNonNull(column, "column is null");
        boolean needsColumn = kind == Kind.SUM || kind == Kind.COUNT_OF;
        if (needsColumn != column.isPresent()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot measure " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + (needsColumn ? "it needs a column" : "it takes no column"));
        }
    }

    /** Rows. */
    public static Measure rows() {
        return new Measure(Kind.ROWS, Optional.empty());
    }

    /** Distinct sampling keys. */
    public static Measure keys() {
        return new Measure(Kind.KEYS, Optional.empty());
    }

    /** The sum of a column. */
    public static Measure sum(ColumnName column) {
        return new Measure(Kind.SUM, Optional.of(column));
    }

    /** The non-NULL rows of a column. */
    public static Measure countOf(ColumnName column) {
        return new Measure(Kind.COUNT_OF, Optional.of(column));
    }

    /** The expression form, as in metric definitions: {@code count}, {@code users}, {@code sum(col)}, {@code count(col)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case ROWS -> "count";
            case KEYS -> "users";
            case SUM -> "sum(" + column.orElseThrow() + ")";
            case COUNT_OF -> "count(" + column.orElseThrow() + ")";
        };
    }
}
