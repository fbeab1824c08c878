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
 *   variance of V        W  = f³ A4
 *   third cumulant       K3 = f (1 - 2r) A3
 *   Cov(estimate, V)     C  = f² A3
 * </pre>
 * Two corrections make the normal interval hold on heavy-tailed data with a thousand or more users:
 * <ol>
 *   <li>the variance estimate is itself noisy when a few users carry it, so the quantile is
 *       Student's t with Satterthwaite's degrees of freedom {@code ν = 2V² / W = 2 A2² / (f A4)}
 *       (the chi-square that has V's mean and variance): a few big users, few degrees of freedom;</li>
 *   <li>the studentised estimate {@code Z = (est - θ) / √V} is skewed: by its Edgeworth expansion
 *       its mean is {@code -C / (2 V^1.5)} and its skewness {@code (K3 - 3C) / V^1.5}, which shift its
 *       quantiles by {@code δ = κ1 + κ3 (z² - 1) / 6} (Cornish-Fisher; for a sample mean this is the
 *       correction of Johnson's modified t). The sample's skewness is largest exactly when the sample
 *       caught a heavy user and the estimate is too high, so the full shift over-corrects; half of it
 *       ({@link #SHIFT_WEIGHT}, chosen by the coverage measurements of {@code CoverageTest} and the
 *       benchmark) balances the misses on both sides.</li>
 * </ol>
 * The interval is {@code [est - √V (t + δ), est + √V (t - δ)]}: its width stays {@code 2 t √V}. The
 * shift is capped at {@link #MAX_SHIFT} standard errors, where the expansion stops being meaningful
 * and the number is flagged anyway ({@link Estimate#unreliable()}).
 */
final class UserLevelInterval {
    /** The share of the Cornish-Fisher shift applied (see the class documentation). */
    static final double SHIFT_WEIGHT = 0.5;

    /** The largest correction of the quantiles, in standard errors. */
    static final double MAX_SHIFT = 1.5;

    /** The one-sided 95% normal quantile, for the upper bound of the standard error. */
    static final double Z95 = 1.6448536269514722;

    /** The normal 97.5% quantile. */
    static final double Z975 = 1.959963984540054;

    private UserLevelInterval() {}

    /** Exact 97.5% quantiles of t for 1 to {@link #EXACT_DF} degrees of freedom, computed once. */
    private static final int EXACT_DF = 30;
    private static final double[] T975 = new double[EXACT_DF + 1];

    static {
        for (int df = 1; df <= EXACT_DF; df++) {
            T975[df] = StudentT.quantile(0.975, df);
        }
    }

    /**
     * The 97.5% quantile of Student's t with {@code df} degrees of freedom (at least 1): exact up to
     * 30 (rounded to a whole number), above that the Cornish-Fisher expansion in 1/df (error below
     * 1e-6), so that a result of many groups costs no root-finding per number.
     */
    static double quantile(double df) {
        if (!(df > EXACT_DF)) {
            return T975[(int) Math.max(1, Math.round(Double.isNaN(df) ? 1 : df))];
        }
        double z = Z975;
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
        return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
    }

    /**
     * The estimate from the moments of the contributions.
     *
     * @param value the estimate
     * @param a2 Σ a², a3 Σ a³, a4 Σ a⁴ of the contributions of the sampled users
     * @param users sampled users
     * @param effective the effective sample size
     * @param r the rate, below 1
     */
    static Estimate of(String name, double value, double a2, double a3, double a4, long users, double effective, double r) {
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
        double w = Math.max(0, f * f * f * a4);
        double df = w > 0 ? 2 * variance * variance / w : Double.POSITIVE_INFINITY;
        double t = quantile(Math.min(df, users - 1.0));
        double shift = SHIFT_WEIGHT * (mean + skewZ * (Z975 * Z975 - 1) / 6);
        shift = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, shift));
        // Z = (est - θ)/se lies in [-t + shift, t + shift], so θ in [est - se (t + shift), est + se (t - shift)]
        double lower = value - se * (t + shift);
        double upper = value + se * (t - shift);
        double seUpper = Math.sqrt(variance + Z95 * Math.sqrt(w));
        return new Estimate(name, value, se, lower, upper, users, effective, skewness, seUpper);
    }

    /** A total {@code Σy / r} from the sampled users' sums {@code S_k = Σ y^k}. */
    static Estimate total(String name, double s1, double s2, double s3, double s4, long users, double r) {
        double value = s1 / r;
        return of(name, value, s2 / (r * r), s3 / (r * r * r), s4 / (r * r * r * r), users, kish(s1, s2), r);
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
        double effective = Math.min(kish(sy, m[2][0]), kish(sx, m[0][2]));
        return of(name, ratio, e2 / (sx * sx), e3 / (sx * sx * sx), Math.max(0, e4) / (sx * sx * sx * sx), users, effective, r);
    }

    /**
     * Kish's effective sample size of per-user values: {@code (Σy)² / Σy²}, the number of users of
     * equal value that would hold the same total as evenly; {@code n} when all are equal, near 1
     * when one user holds it all.
     */
    static double kish(double s1, double s2) {
        return s2 > 0 ? s1 * s1 / s2 : Double.NaN;
    }
}
