package io.meshkit.differ.api;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.OptionalInt;

/**
 * How values are made comparable before two tables are diffed, so that equal data compares equal.
 * The same rules apply on both sides of a diff, in the warehouse and in a MySQL source alike.
 *
 * @param decimals numbers (every numeric type, not only floating point) rounded to this many places, or empty
 * @param relativeTolerance two non-NULL numbers are equal when they differ by at most this fraction of the larger
 *     magnitude; 0 for none
 * @param timestampPrecision fractional-second digits kept (0 to 6; extra digits are truncated); timestamps are
 *     compared in UTC
 * @param trim whether leading and trailing spaces of strings are ignored
 * @param caseFold whether strings are compared in lower case
 */
public record Normalisation(OptionalInt decimals, double relativeTolerance, int timestampPrecision, boolean trim, boolean caseFold) {
    /** Exact comparison (microsecond timestamps, no rounding, no trimming, case-sensitive). */
    public static final Normalisation EXACT = new Normalisation(OptionalInt.empty(), 0, 6, false, false);

    /** Validates. */
    public Normalisation {
        if (decimals == null) {
            decimals = OptionalInt.empty();
        }
        if (decimals.isPresent() && (decimals.getAsInt() < 0 || decimals.getAsInt() > 18)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot normalise numbers: --decimals must be 0..18, got " + decimals.getAsInt());
        }
        if (!(relativeTolerance >= 0 && relativeTolerance < 1)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot normalise numbers: --rel-tolerance must be in [0, 1), got " + relativeTolerance);
        }
        if (timestampPrecision < 0 || timestampPrecision > 6) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot normalise timestamps: --timestamp-precision must be 0..6, got " + timestampPrecision);
        }
    }

    /** Whether strings are changed before comparison. */
    public boolean normalisesStrings() {
        return trim || caseFold;
    }
}
