package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
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
import org.junit.jupiter.api.Test;

/**
 * A small sample's interval does not reach below what the sample itself counted: a count's lower end is
 * at least the rows or users the sample saw, a ratio of counts at least 0; sums (of any sign) are not bounded.
 */
class SmallSampleBoundsTest {
    private static final TableId VISITS = TableId.of("shop", "visits");
    private static final ColumnName USER = ColumnName.of("user_id");

    @Test
    void countsAreNotBelowWhatTheSampleSaw() {
        try (Warehouse w = TestWarehouse.open()) {
            w.createNamespace(VISITS.namespace());
            // 40 users, one with many visits: a heavy user in a handful sampled
            w.execute(Sql.of("CREATE TABLE shop.visits AS SELECT i % 40 AS user_id, CASE WHEN i % 40 = 0 THEN -5 ELSE 1 END AS delta"
                    + " FROM range(400) t(i) UNION ALL SELECT 0, -5 FROM range(2000)"));
            Sampler sampler = new DefaultSampler(w);
            sampler.prepare(VISITS, USER);
            MetricQuery q = new MetricQuery(VISITS, USER, List.of(Metric.parse("visits=count"), Metric.parse("users=users"),
                    Metric.parse("visits_per_user=count/users"), Metric.parse("delta=sum(delta)")), List.of(), List.of());
            int bounded = 0;
            for (double rate : new double[] {0.05, 0.1, 0.2, 0.3, 0.5}) {
                SampledResult r = sampler.query(q, new Rate(rate), 20);
                GroupResult g = r.groups().get(0);
                Estimate visits = estimate(g, "visits");
                Estimate users = estimate(g, "users");
                // the sample's own counts: the estimate times the rate
                assertThat(visits.lower()).isGreaterThanOrEqualTo(Math.round(visits.value() * rate) - 1e-6);
                assertThat(users.lower()).isGreaterThanOrEqualTo(g.sampledRows() > 0 ? 1 : 0);
                assertThat(estimate(g, "visits_per_user").lower()).isGreaterThanOrEqualTo(0);
                assertThat(visits.lower()).isLessThanOrEqualTo(visits.value());
                assertThat(visits.upper()).isGreaterThanOrEqualTo(visits.value());
                if (visits.lower() == Math.round(visits.value() * rate)) {
                    bounded++;
                }
            }
            // the bound is what the interval ends at for some of these tiny samples, not only a check that never binds
            assertThat(bounded).isPositive();
        }
    }

    private static Estimate estimate(GroupResult g, String metric) {
        return g.estimates().stream().filter(e -> e.metric().equals(metric)).findFirst().orElseThrow();
    }
}
