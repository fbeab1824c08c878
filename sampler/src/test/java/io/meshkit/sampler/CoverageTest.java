package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.internal.DefaultSampler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The statistical test: 200 repetitions with known truth. Each repetition is its own universe of
 * 2,000 users with their own ids, so its own hash sample, generated with a fixed seed (a skewed
 * number of lessons per user). Grouping one query by universe runs all 200 repetitions at once;
 * even universes are read at 10%, odd ones at 20%. The 95% intervals of five metrics must cover
 * the truth in at least 90% of repetitions, per metric and overall. Deterministic: the seed fixes
 * the data and the hash fixes the sample.
 */
class CoverageTest {
    private static final int REPETITIONS = 200;
    private static final TableId LESSONS = TableId.of("cov", "lessons");

    @Test
    void intervalsCoverTheTruthInAtLeastNinetyPercentOfRepetitions() {
        try (Warehouse w = TestWarehouse.open()) {
            SyntheticLessons.create(w, LESSONS, REPETITIONS, 2_000, 20261123, 30, 50, 1.5);
            Sampler sampler = new DefaultSampler(w);
            ColumnName user = ColumnName.of("user_id");
            sampler.prepare(LESSONS, user);
            List<Metric> metrics = List.of(Metric.parse("lessons=count"), Metric.parse("users=users"), Metric.parse("xp=sum(xp)"),
                    Metric.parse("avg_xp=mean(xp)"), Metric.parse("lessons_per_user=count/users"));
            MetricQuery byUniverse = new MetricQuery(LESSONS, user, metrics, ColumnName.list("universe"), List.of());
            SampledResult truth = sampler.query(byUniverse, Rate.FULL, 20);
            Map<Rate, SampledResult> samples = Map.of(new Rate(0.1), sampler.query(byUniverse, new Rate(0.1), 20),
                    new Rate(0.2), sampler.query(byUniverse, new Rate(0.2), 20));
            Map<String, int[]> perMetric = new TreeMap<>();
            int covered = 0;
            int total = 0;
            for (int u = 0; u < REPETITIONS; u++) {
                List<Object> group = List.of((long) u);
                SampledResult sample = samples.get(new Rate(u % 2 == 0 ? 0.1 : 0.2));
                GroupResult exact = truth.group(group).orElseThrow();
                GroupResult got = sample.group(group).orElseThrow(() -> new AssertionError("the sample missed a universe"));
                for (Estimate e : got.estimates()) {
                    boolean hit = e.covers(exact.estimate(e.metric()).value());
                    int[] c = perMetric.computeIfAbsent(e.metric(), k -> new int[2]);
                    c[0] += hit ? 1 : 0;
                    c[1]++;
                    covered += hit ? 1 : 0;
                    total++;
                }
            }
            System.out.printf("coverage over %d intervals: %.3f; per metric: %s%n", total, (double) covered / total,
                    perMetric.entrySet().stream().map(e -> e.getKey() + "=" + (double) e.getValue()[0] / e.getValue()[1]).toList());
            assertThat(truth.groups()).hasSize(REPETITIONS);
            assertThat(total).isEqualTo(REPETITIONS * metrics.size());
            assertThat((double) covered / total).isGreaterThanOrEqualTo(0.90);
            perMetric.forEach((m, c) -> assertThat((double) c[0] / c[1]).as(m).isGreaterThanOrEqualTo(0.90));
            // and the intervals are not vacuous: the median relative half-width of the user count is a few percent
            double[] widths = samples.get(new Rate(0.1)).groups().stream().mapToDouble(g -> g.estimate("users").relativeError()).sorted().toArray();
            assertThat(widths[widths.length / 2]).isBetween(0.02, 0.3);
        }
    }
}
