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
    void userLevelVarianceOfATotalAndARatio() {
        // users with y = 1, 2, 9 sampled at r = 0.1: total 12/0.1 = 120; V = (1 - r) Σ (y/r)² = 0.9 * 8600 = 7740
        var e = UserLevelInterval.total("n", 12, 86, 1 + 8 + 729, 1 + 16 + 6561, 3, 0.1);
        assertThat(e.value()).isCloseTo(120, within(1e-9));
        assertThat(e.standardError()).isCloseTo(Math.sqrt(7740), within(1e-9));
        assertThat(e.effectiveSampleSize()).isCloseTo(144.0 / 86, within(1e-9)); // (Σy)² / Σy²
        assertThat(e.skewness()).isGreaterThan(0);
        // right skew: the interval reaches further above the estimate than below, with the width of ±z·SE
        assertThat(e.upper() - e.value()).isGreaterThan(e.value() - e.lower());
        assertThat(e.standardErrorUpper()).isGreaterThan(e.standardError());
        // a ratio y/x per user with y = 2x exactly has no error
        double[][] m = new double[5][5];
        double[] xs = {1, 2, 3};
        for (double x : xs) {
            for (int j = 0; j <= 4; j++) {
                for (int k = 0; j + k <= 4; k++) {
                    m[j][k] += Math.pow(2 * x, j) * Math.pow(x, k);
                }
            }
        }
        var ratio = UserLevelInterval.ratio("r", m, 3, 0.1);
        assertThat(ratio.value()).isEqualTo(2.0);
        assertThat(ratio.standardError()).isZero();
    }
}
