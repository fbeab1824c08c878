package io.meshkit.sampler.internal;

import io.meshkit.sampler.api.Estimate;

/**
 * The interval of one number from the moments of the sampled users' contributions.
 *
 * <p>Users enter the sample independently with probability {@code r} (Poisson sampling), so an
 * estimate is, to first order, a sum of independent contributions {@code a_i} of the sampled users:
 * {@code y_i / r} for a total (Horvitz-Thompson), {@code (y_i - R x_i) / Σx} for a ratio
 * {@code R = Σy / Σx} (linearisation, the delta method). With {@code f = 1 - r} and
 * {@code A_k = Σ a_i^k} over the sampled users:
 * <pre>
 *   variance             V  = f A2                    (unbiased under Poisson sampling)
 *   third cumulant       K3 = f (1 - 2r) A3
 *   Cov(estimate, V)     C  = f² A3
 *   variance of V        W  = f³ A4
 * </pre>
 * The studentised estimate {@code Z = (est - θ) / √V} has, by its Edgeworth expansion, mean
 * {@code -C / (2 V^1.5)} and skewness {@code (K3 - 3C) / V^1.5}; its 2.5% and 97.5% quantiles by
 * Cornish-Fisher are {@code ±z + κ1 + κ3 (z² - 1) / 6}, and the interval is
 * {@code [est - √V q97.5, est - √V q2.5]}. For a sample mean this is the second-order correct
 * interval of Johnson's modified t (the mean of a right-skewed metric is more often too low than too
 * high, so the interval reaches further up than down). The width stays {@code 2 z √V}. The shift is
 * capped at {@link #MAX_SHIFT} standard errors, where the expansion stops being meaningful and the
 * number is flagged anyway ({@link Estimate#unreliable()}).
 */
final class UserLevelInterval {
    /** The largest correction of the quantiles, in standard errors. */
    static final double MAX_SHIFT = 1.5;

    /** The one-sided 95% normal quantile, for the upper bound of the standard error. */
    static final double Z95 = 1.6448536269514722;

    private UserLevelInterval() {}

    /**
     * The estimate from the moments of the contributions.
     *
     * @param value the estimate
     * @param a2 Σ a², a3 Σ a³, a4 Σ a⁴ of the contributions of the sampled users
     * @param users sampled users
     * @param r the rate, below 1
     */
    static Estimate of(String name, double value, double a2, double a3, double a4, long users, double r) {
        double f = 1 - r;
        double variance = Math.max(0, f * a2);
        double se = Math.sqrt(variance);
        if (se == 0 || !Double.isFinite(se)) {
            double s = Double.isFinite(se) ? 0 : Double.NaN;
            return new Estimate(name, value, s, value, value, users, Double.NaN, 0, s);
        }
        double v15 = variance * se;
        double k3 = f * (1 - 2 * r) * a3;
        double cov = f * f * a3;
        double skewness = k3 / v15;
        double mean = -cov / (2 * v15);
        double skewZ = (k3 - 3 * cov) / v15;
        double z = StudentT.quantile(0.975, (int) Math.max(1, Math.min(users - 1, Integer.MAX_VALUE)));
        double shift = mean + skewZ * (z * z - 1) / 6;
        shift = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, shift));
        // Z = (est - θ)/se lies in [-z + shift, z + shift], so θ in [est - se (z + shift), est + se (z - shift)]
        double lower = value - se * (z + shift);
        double upper = value + se * (z - shift);
        double w = Math.max(0, f * f * f * a4);
        double seUpper = Math.sqrt(variance + Z95 * Math.sqrt(w));
        double effective = f * value * value / variance;
        return new Estimate(name, value, se, lower, upper, users, effective, skewness, seUpper);
    }

    /** A total {@code Σy / r} from the sampled users' sums {@code S_k = Σ y^k}. */
    static Estimate total(String name, double s1, double s2, double s3, double s4, long users, double r) {
        double value = s1 / r;
        return of(name, value, s2 / (r * r), s3 / (r * r * r), s4 / (r * r * r * r), users, r);
    }

    /**
     * A ratio {@code Σy / Σx}: the contributions are {@code e_i / Σx} with {@code e = y - R x}; the
     * power sums of {@code e} come from the sampled users' sums {@code Σ y^j x^k} by the binomial theorem.
     *
     * @param m {@code m[j][k] = Σ y^j x^k} for {@code j + k <= 4}
     */
    static Estimate ratio(String name, double[][] m, long users, double r) {
        double sy = m[1][0];
        double sx = m[0][1];
        if (sx == 0) {
            return new Estimate(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double ratio = sy / sx;
        double e2 = m[2][0] - 2 * ratio * m[1][1] + ratio * ratio * m[0][2];
        double e3 = m[3][0] - 3 * ratio * m[2][1] + 3 * ratio * ratio * m[1][2] - ratio * ratio * ratio * m[0][3];
        double e4 = m[4][0] - 4 * ratio * m[3][1] + 6 * ratio * ratio * m[2][2] - 4 * ratio * ratio * ratio * m[1][3]
                + ratio * ratio * ratio * ratio * m[0][4];
        // rounding can leave a tiny negative power sum where every e is 0 (a constant ratio)
        double scale = Math.max(m[2][0], ratio * ratio * m[0][2]);
        if (e2 <= 1e-12 * scale) {
            return new Estimate(name, ratio, 0, ratio, ratio, users, Double.NaN, 0, 0);
        }
        return of(name, ratio, e2 / (sx * sx), e3 / (sx * sx * sx), Math.max(0, e4) / (sx * sx * sx * sx), users, r);
    }
}
