package io.meshkit.sampler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The t quantiles the intervals use, against published table values. */
class StudentTTest {
    @Test
    void quantilesMatchTables() {
        assertThat(StudentT.quantile(0.975, 19)).isCloseTo(2.093024, within(1e-5));
        assertThat(StudentT.quantile(0.975, 9)).isCloseTo(2.262157, within(1e-5));
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.706205, within(1e-4));
        assertThat(StudentT.quantile(0.975, 1000)).isCloseTo(1.962339, within(1e-5));
        assertThat(StudentT.quantile(0.95, 4)).isCloseTo(2.131847, within(1e-5));
    }

    @Test
    void fastQuantilesMatchTheExactOnes() {
        for (int df : new int[] {1, 2, 5, 19, 30, 31, 45, 100, 1000, 50_000}) {
            assertThat(UserLevelInterval.quantile(df)).as("df %d", df).isCloseTo(StudentT.quantile(0.975, df), within(1e-6));
        }
        assertThat(UserLevelInterval.quantile(Double.POSITIVE_INFINITY)).isCloseTo(1.959964, within(1e-6));
    }

    @Test
    void varianceOfATotalAndARatioFromTheUnits() {
        // units with y = 1, 2, 9 of 1,000 (the others empty) sampled at r = 0.1: total 12/0.1 = 120;
        // V = (1 - r) B/(B - 1) Σ_B (y_u - ȳ)² / r² over all B units, ȳ = 12/B
        int units = 1000;
        double[] y = {1, 2, 9};
        double[] all = new double[units];
        System.arraycopy(y, 0, all, 0, y.length);
        double mean = 12.0 / units;
        double ss = 0;
        for (double v : all) {
            ss += (v - mean) * (v - mean);
        }
        double v = 0.9 * units / (units - 1.0) * ss / 0.01;
        var e = UserLevelInterval.total("n", y, units, 3, 0.1);
        assertThat(e.value()).isCloseTo(120, within(1e-9));
        assertThat(e.standardError()).isCloseTo(Math.sqrt(v), within(1e-9));
        // the units' centred sum of squares estimates the users' Σy² = 86: Kish's (Σy)² / Σy²
        assertThat(e.effectiveSampleSize()).isCloseTo(144.0 / (units / (units - 1.0) * ss), within(1e-9));
        assertThat(e.effectiveSampleSize()).isCloseTo(144.0 / 86, within(0.01));
        assertThat(e.skewness()).isGreaterThan(0);
        // the same moments when the empty units are given as zeros (only the cap of the degrees of freedom,
        // the units holding rows less one, differs: 2 here, 999 there)
        var explicit = UserLevelInterval.total("n", all, units, 3, 0.1);
        assertThat(explicit.standardError()).isCloseTo(e.standardError(), within(1e-9));
        assertThat(explicit.skewness()).isCloseTo(e.skewness(), within(1e-9));
        assertThat(explicit.effectiveSampleSize()).isCloseTo(e.effectiveSampleSize(), within(1e-9));
        assertThat(e.upper() - e.lower()).isGreaterThan(explicit.upper() - explicit.lower());
        // right skew: the interval reaches further above the estimate than below, with the width of ±t·SE
        assertThat(e.upper() - e.value()).isGreaterThan(e.value() - e.lower());
        assertThat(e.standardErrorUpper()).isGreaterThan(e.standardError());
        // a ratio with y = 2x in every unit has no error
        var ratio = UserLevelInterval.ratio("r", new double[] {2, 4, 6}, new double[] {1, 2, 3}, units, 3, 0.1);
        assertThat(ratio.value()).isEqualTo(2.0);
        assertThat(ratio.standardError()).isZero();
        // a ratio's contributions (y - R x) / Σx: R = 12/6 = 2, residuals 1, -2, 1 of Σx = 6
        var r2 = UserLevelInterval.ratio("r", new double[] {3, 2, 7}, new double[] {1, 2, 3}, units, 3, 0.1);
        assertThat(r2.value()).isEqualTo(2.0);
        assertThat(r2.standardError()).isCloseTo(Math.sqrt(0.9 * units / (units - 1.0) * 6 / 36), within(1e-9));
    }
}
