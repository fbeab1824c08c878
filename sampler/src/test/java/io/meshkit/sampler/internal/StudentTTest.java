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
    void randomGroupsVarianceOfATotal() {
        // two sub-samples at 50%: y = 3 and 5, S = 8, Q = 34; T_b = 6 and 10, mean 8/0.5 = 16
        var e = MetricEstimator.total("n", 8, 34, 0.5, 2, 1.0);
        assertThat(e.value()).isEqualTo(16);
        // (1 - r) * B / (r^2 (B - 1)) * (Q - S^2/B) = 0.5 * 2 / 0.25 * (34 - 32) = 8
        assertThat(e.standardError()).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(MetricEstimator.total("n", 8, 34, 1.0, 2, 1.0).standardError()).isZero();
    }
}
