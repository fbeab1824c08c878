package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Rate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statistical test: 400 independent samples with known truth at each of 0.1%, 1% and 10%, of
 * heavy-tailed data (lognormal lessons per user, coefficient of variation above 2), about 1,100
 * sampled users each ({@link HeavyTailedWindows}: disjoint windows of the hash, so all 400 samples of
 * a rate are one sampler query grouped by window). The 95% intervals of totals, a mean and per-user
 * ratios must cover the truth in 93% to 97% of the samples, per metric and rate. Deterministic: the
 * seed fixes the data and the hash the samples.
 */
class CoverageTest {
    private static final int REPETITIONS = 400;
    private static final double MU = Double.parseDouble(System.getProperty("cov.mu", "-0.2"));
    private static final double SIGMA = Double.parseDouble(System.getProperty("cov.sigma", "1.42"));

    @Test
    void ninetyFivePercentIntervalsCoverTheTruthInNinetyThreeToNinetySevenPercentOfSamples() {
        try (Warehouse w = TestWarehouse.open()) {
            List<HeavyTailedWindows.Coverage> all = new java.util.ArrayList<>();
            for (Rate rate : List.of(new Rate(0.001), new Rate(0.01), new Rate(0.1))) {
                HeavyTailedWindows data = new HeavyTailedWindows(w, "cov", rate, REPETITIONS, 1_100, MU, SIGMA, 20261207);
                assertThat(data.lessonsCv()).as("coefficient of variation of lessons per user").isGreaterThanOrEqualTo(2.0);
                HeavyTailedWindows.Coverage c = data.coverage(1_000);
                System.out.println("coverage " + c + " cv " + data.lessonsCv());
                all.add(c);
            }
            for (HeavyTailedWindows.Coverage c : all) {
                Rate rate = c.rate();
                assertThat(c.windows()).isEqualTo(REPETITIONS);
                for (String metric : c.perMetric().keySet()) {
                    assertThat(c.perMetric().get(metric)[1]).as("%s at %s: samples of at least 1,000 users", metric, rate).isGreaterThanOrEqualTo(REPETITIONS * 9 / 10);
                    assertThat(c.of(metric)).as("coverage of %s at %s", metric, rate).isBetween(0.93, 0.97);
                }
            }
        }
    }
}
