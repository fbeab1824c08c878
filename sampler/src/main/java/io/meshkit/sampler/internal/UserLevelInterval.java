package io.meshkit.sampler.internal;

import io.meshkit.sampler.api.Estimate;

/**
 * The interval of one number from its units' sums: the sampled users fall into {@code B} equal
 * slices of the sampling value (units), each a random cluster of users.
 *
 * <p>Users enter the sample independently with probability {@code r} (Poisson sampling), so an
 * estimate is, to first order, a sum of contributions of the units: {@code y_u / r} for a total
 * (Horvitz-Thompson), {@code (y_u - R x_u) / Σx} for a ratio {@code R = Σy / Σx} (linearisation, the
 * delta method). Units of equal probability r/B are exchangeable, and the centred unit totals give an
 * unbiased variance: {@code E[B/(B-1) Σ_u (y_u - ȳ)²] = r Σ_population y²}, the expectation of the
 * sampled users' {@code Σ y²} (the contributions are centred over all B units, those the sample did
 * not reach included; a ratio's contributions sum to 0 already). With {@code f = 1 - r} and
 * {@code A_k = Σ a_u^k} of the centred contributions ({@code A_2} times {@code B/(B-1)}):
 * <pre>
 *   variance             V  = f A2                    (unbiased under Poisson sampling)
 *   variance of V        W  = f³ A4
 *   third cumulant       K3 = f (1 - 2r) A3
 *   Cov(estimate, V)     C  = f² A3
 * </pre>
 * As B grows to one user per unit these are the user-level formulas; at B = 1,000 the statement
 * returns at most 1,000 rows per group instead of aggregating powers of every user.
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
     * @param units the units that hold them (the variance's degrees of freedom are fewer)
     * @param effective the effective sample size
     * @param r the rate, below 1
     */
    static Estimate of(String name, double value, double a2, double a3, double a4, long users, int units, double effective, double r) {
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
        double t = quantile(Math.min(df, units - 1.0));
        double shift = SHIFT_WEIGHT * (mean + skewZ * (Z975 * Z975 - 1) / 6);
        shift = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, shift));
        // Z = (est - θ)/se lies in [-t + shift, t + shift], so θ in [est - se (t + shift), est + se (t - shift)]
        double lower = value - se * (t + shift);
        double upper = value + se * (t - shift);
        double seUpper = Math.sqrt(variance + Z95 * Math.sqrt(w));
        return new Estimate(name, value, se, lower, upper, users, effective, skewness, seUpper);
    }

    /**
     * A total {@code Σy / r} from its units' sums {@code y_u} (the units the sample did not reach hold 0):
     * the contributions are the units' centred totals {@code (y_u - ȳ) / r} over all {@code units}.
     *
     * @param y the sums of the units that hold sampled rows
     * @param units the number of units, at least {@code y.length}
     */
    static Estimate total(String name, double[] y, int units, long users, double r) {
        double s1 = 0;
        for (double v : y) {
            s1 += v;
        }
        double mean = s1 / units;
        double[] c = centred(y, units, mean);
        double scale = (double) units / (units - 1);
        return of(name, s1 / r, scale * c[2] / (r * r), c[3] / (r * r * r), c[4] / (r * r * r * r), users, y.length,
                kish(s1, scale * c[2]), r);
    }

    /**
     * A ratio {@code Σy / Σx} from its units' sums: the contributions are {@code e_u / Σx} with
     * {@code e = y - R x} (linearisation; they sum to 0, a unit the sample did not reach contributes 0).
     */
    static Estimate ratio(String name, double[] y, double[] x, int units, long users, double r) {
        double sy = 0;
        double sx = 0;
        for (int u = 0; u < y.length; u++) {
            sy += y[u];
            sx += x[u];
        }
        if (sx == 0) {
            return new Estimate(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double ratio = sy / sx;
        double e2 = 0;
        double e3 = 0;
        double e4 = 0;
        double scale = 0;
        for (int u = 0; u < y.length; u++) {
            double e = y[u] - ratio * x[u];
            double ee = e * e;
            e2 += ee;
            e3 += ee * e;
            e4 += ee * ee;
            scale = Math.max(scale, Math.abs(y[u]) + Math.abs(ratio * x[u]));
        }
        // rounding leaves tiny residuals where every unit has the same ratio (a constant ratio): no error
        if (e2 <= 1e-24 * scale * scale * y.length) {
            return new Estimate(name, ratio, 0, ratio, ratio, users, Double.NaN, 0, 0);
        }
        double f = (double) units / (units - 1);
        double effective = Math.min(kish(sy, f * centred(y, units, sy / units)[2]), kish(sx, f * centred(x, units, sx / units)[2]));
        return of(name, ratio, f * e2 / (sx * sx), e3 / (sx * sx * sx), e4 / (sx * sx * sx * sx), users, y.length, effective, r);
    }

    /** {@code Σ (v - mean)^k} for k = 2, 3, 4 (at those indices) over {@code units} values of which those not given are 0. */
    private static double[] centred(double[] values, int units, double mean) {
        double[] c = new double[5];
        for (double v : values) {
            double d = v - mean;
            double dd = d * d;
            c[2] += dd;
            c[3] += dd * d;
            c[4] += dd * dd;
        }
        int empty = units - values.length;
        double mm = mean * mean;
        c[2] += empty * mm;
        c[3] -= empty * mm * mean;
        c[4] += empty * mm * mm;
        return c;
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
