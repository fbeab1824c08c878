package io.meshkit.sampler.api;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.math.BigDecimal;
import java.util.List;

/**
 * A sampling rate: the fraction of sampling keys (users) whose rows a query reads. A key is in the
 * sample of rate {@code r} when its sampling value is below {@code r}, so the sample of a smaller
 * rate is a subset of the sample of a larger one.
 *
 * @param fraction the rate, in (0, 1]
 */
public record Rate(double fraction) implements Comparable<Rate> {
    /** Every key: the exact answer. */
    public static final Rate FULL = new Rate(1.0);

    /** The rates {@code recommend} and {@code evaluate} choose from: 100%, 10%, 1%, 0.1%. */
    public static final List<Rate> LADDER = List.of(FULL, new Rate(0.1), new Rate(0.01), new Rate(0.001));

    /** Validates the range. */
    public Rate {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use sampling rate " + fraction + ": it must be in (0, 1]");
        }
    }

    /** Parses {@code 1%}, {@code 0.5%} or a fraction such as {@code 0.01}. */
    public static Rate parse(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("%")) {
                return new Rate(Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100.0);
            }
            return new Rate(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot parse sampling rate '" + t + "': expected a percentage such as 1% or a fraction such as 0.01", e);
        }
    }

    /** Whether this rate reads every key. */
    public boolean isFull() {
        return fraction >= 1.0;
    }

    /** The rate as a percentage without trailing zeros, e.g. {@code 0.1%}. */
    @Override
    public String toString() {
        return new BigDecimal(Double.toString(fraction * 100)).stripTrailingZeros().toPlainString() + "%";
    }

    @Override
    public int compareTo(Rate other) {
        return Double.compare(fraction, other.fraction);
    }
}
