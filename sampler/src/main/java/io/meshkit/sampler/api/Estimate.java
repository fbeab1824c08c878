package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

/**
 * One number of a sampled result with its 95% confidence interval and what the interval rests on.
 *
 * @param metric the metric's name
 * @param value the estimate: a total scaled by {@code 1/rate}, or an unscaled ratio; NaN when undefined (0/0)
 * @param standardError the estimated standard error, from the sampled users (the sampling keys); 0 at 100%
 * @param lower the lower end of the 95% interval (skewness-corrected, so not always symmetric)
 * @param upper the upper end of the 95% interval
 * @param users sampled users (sampling keys) with a row in the group
 * @param effectiveSampleSize Kish's effective sample size {@code (Σy)² / Σy²} of the per-user values
 *     (of a ratio: the smaller of its numerator's and denominator's): how many users of equal value
 *     would hold the total as evenly; {@code users} when all are equal, far below it when a few users
 *     carry the metric; NaN at 100% or when undefined
 * @param skewness the estimated skewness of the estimate's sampling distribution (0 for a normal one);
 *     Cochran's rule asks for at most {@link #SKEWNESS_LIMIT} before a normal interval is trusted
 * @param standardErrorUpper a one-sided 95% upper bound of the standard error, from the estimated
 *     variance of the variance estimate; what {@code recommend} plans from
 */
public record Estimate(String metric, double value, double standardError, double lower, double upper, long users,
        double effectiveSampleSize, double skewness, double standardErrorUpper) {
    /**
     * The skewness of an estimate above which its interval is flagged: Cochran's rule that a sample
     * mean is near enough normal when {@code n > 25 γ²}, i.e. when its own skewness {@code γ/√n} is under 0.2.
     */
    public static final double SKEWNESS_LIMIT = 0.2;

    /** Effective sample sizes below this are flagged whatever the skewness. */
    public static final double MIN_EFFECTIVE_SAMPLE_SIZE = 30;

    /** Validates. */
    public Estimate {
        requireNonNull(metric, "metric is null");
    }

    /** An exact (or undefined) number: no sampling error to speak of. */
    public Estimate(String metric, double value, double standardError, double lower, double upper) {
        this(metric, value, standardError, lower, upper, 0, Double.NaN, 0, standardError);
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

    /**
     * Whether the sample is too small or too skewed for this number's interval to be trusted: its
     * skewness is above {@link #SKEWNESS_LIMIT} (a few users carry it) or its effective sample size is
     * below {@link #MIN_EFFECTIVE_SAMPLE_SIZE}.
     */
    public boolean unreliable() {
        if (standardError == 0 || Double.isNaN(value)) {
            return false;
        }
        return Math.abs(skewness) > SKEWNESS_LIMIT || effectiveSampleSize < MIN_EFFECTIVE_SAMPLE_SIZE;
    }
}
