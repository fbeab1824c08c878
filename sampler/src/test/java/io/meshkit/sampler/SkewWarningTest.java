package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import org.junit.jupiter.api.Test;

/**
 * The warning that a sample is too small or too skewed: it fires on heavy-tailed data (lognormal
 * lessons per user, coefficient of variation above 2) and stays silent on light-tailed data (the
 * same generator with a coefficient of variation near 0.3), both with about 1,100 sampled users.
 */
class SkewWarningTest {
    @Test
    void firesOnHeavyTailedDataWithTheEffectiveSampleSize() {
        try (Warehouse w = TestWarehouse.open()) {
            HeavyTailedWindows heavy = new HeavyTailedWindows(w, "skew", new Rate(0.01), 40, 1_100, -0.2, 1.42, 20261207);
            assertThat(heavy.lessonsCv()).isGreaterThanOrEqualTo(2.0);
            SampledResult r = heavy.sample();
            long flaggedLessons = r.groups().stream().filter(g -> g.estimate("lessons").unreliable()).count();
            assertThat(flaggedLessons).as("windows whose lessons total is flagged").isGreaterThanOrEqualTo(r.groups().size() / 4);
            for (GroupResult g : r.groups()) {
                Estimate lessons = g.estimate("lessons");
                assertThat(lessons.effectiveSampleSize()).as("a few users carry the total").isLessThan(lessons.users() / 2.0);
                assertThat(g.estimate("users").unreliable()).as("a count of users is never skewed").isFalse();
            }
            assertThat(r.unreliable()).isNotEmpty();
            assertThat(r.unreliable().get(0).message()).contains("users, effective sample size").contains("skewness");
        }
    }

    @Test
    void silentOnLightTailedData() {
        try (Warehouse w = TestWarehouse.open()) {
            HeavyTailedWindows light = new HeavyTailedWindows(w, "light", new Rate(0.01), 40, 1_100, 1.5, 0.3, 20261207);
            assertThat(light.lessonsCv()).isLessThan(0.5);
            SampledResult r = light.sample();
            assertThat(r.groups()).hasSize(40);
            assertThat(r.unreliable()).isEmpty();
            for (GroupResult g : r.groups()) {
                assertThat(g.estimate("lessons").effectiveSampleSize()).isGreaterThan(g.estimate("lessons").users() * 0.8);
            }
        }
    }
}
