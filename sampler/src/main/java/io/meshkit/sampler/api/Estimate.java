package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

/**
 * One number of a sampled result with its 95% confidence interval.
 *
 * @param metric the metric's name
 * @param value the estimate: a total scaled by {@code 1/rate}, or an unscaled ratio; NaN when undefined (0/0)
 * @param standardError the estimated standard error, at the level of the sampling key; 0 at 100%
 * @param lower the lower end of the 95% interval
 * @param upper the upper end of the 95% interval
 */
public record Estimate(String metric, double value, double standardError, double lower, double upper) {
    /** Validates. */
    public Estimate {
        requireNonNull(metric, "metric is null");
    }

    /** Half the interval's width relative to the value (e.g. 0.01 for ±1%); infinite for a zero value with any error. */
    public double relativeError() {
        double half = (upper - lower) / 2;
        if (half == 0) {
            return 0;
        }
        return Math.abs(half / value);
    }

    /** Whether the interval contains a value. */
    public boolean covers(double truth) {
        return lower <= truth && truth <= upper;
    }
}
