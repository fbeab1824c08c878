package io.meshkit.itbigqueryeval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.api.SamplingLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sampler on BigQuery: the example's plays prepared (clustered by {@code sampling_bucket} on
 * BigQuery, sorted by {@code sampling_value} on DuckDB), queried at 50%, 20% and 100% on DuckDB and in
 * ZetaSQL's evaluator; every estimate, standard error, interval,
 * effective sample size and skewness must be the same on both (to rounding of the double sums).
 */
class SamplerEvaluatorTest {
    @Test
    void estimatesAndIntervalsAreTheSameOnBothEngines() {
        Map<String, List<double[]>> perEngine = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Warehouse w : List.of(Engines.duckDb(), Engines.bigQueryEvaluator())) {
            try (w) {
                Contract contract = Fixtures.contract("music/contracts/plays.odcs.yaml");
                Dataset plays = contract.datasets().get(0);
                TableId raw = TableId.of("sampler", "plays_raw");
                TableId table = TableId.of("sampler", "plays");
                List<List<Object>> rows = new ArrayList<>();
                for (LocalDate d : Fixtures.snapshotDates("plays")) {
                    rows.addAll(Fixtures.snapshotRows(plays, "plays", d));
                }
                Fixtures.create(w, plays, raw, rows);
                Sampler sampler = io.meshkit.sampler.di.Samplers.over(w);
                ColumnName listener = ColumnName.of("listener_id");
                w.createTableAs(table, w.dialect().sql().sql("SELECT * FROM ").table(raw).build(), TableLayout.NONE, WriteMode.REPLACE);
                // prepare itself: BigQuery cannot cluster by the FLOAT64 sampling value (the evaluator's client refuses
                // it as BigQuery does), so there it clusters by sampling_bucket, the INT64 of the same order
                sampler.prepare(table, listener);
                boolean bucketed = w.describe(table).orElseThrow().column(ColumnName.of("sampling_bucket")).isPresent();
                assertThat(bucketed).as("sampling_bucket on %s", w.dialect().name()).isEqualTo(w.dialect().name().equals("bigquery"));
                if (bucketed) {
                    try (var check = w.query(w.dialect().sql().sql("SELECT count(*) AS n FROM ").table(table).sql(" WHERE ")
                            .id(ColumnName.of("sampling_bucket")).sql(" != CAST(").id(SamplingLayout.SAMPLING_VALUE)
                            .sql(" * 9007199254740992 AS INT64)").build())) {
                        assertThat(check.iterator().next().getLong("n")).as("rows whose bucket is not their sampling value times 2^53").isZero();
                    }
                }
                MetricQuery q = new MetricQuery(table, listener, List.of(Metric.parse("plays=count"), Metric.parse("listeners=users"),
                        Metric.parse("ms=sum(ms_played)"), Metric.parse("ms_per_play=mean(ms_played)"), Metric.parse("plays_per_listener=count/users")),
                        ColumnName.list("platform"), List.of());
                List<double[]> numbers = new ArrayList<>();
                List<String> seen = new ArrayList<>();
                for (Rate rate : List.of(new Rate(0.5), new Rate(0.2), Rate.FULL)) {
                    SampledResult r = sampler.query(q, rate, 20);
                    for (GroupResult g : r.groups()) {
                        seen.add(rate + " " + g.dimensions() + " rows " + g.sampledRows());
                        for (Estimate e : g.estimates()) {
                            numbers.add(new double[] {e.value(), e.standardError(), e.lower(), e.upper(), e.users(),
                                e.effectiveSampleSize(), e.skewness(), e.standardErrorUpper()});
                        }
                    }
                }
                perEngine.put(w.dialect().name(), numbers);
                groups.put(w.dialect().name(), seen);
            }
        }
        assertThat(groups.get("duckdb")).hasSizeGreaterThan(2);
        assertThat(groups.get("bigquery")).as("groups and rows read, BigQuery vs DuckDB").isEqualTo(groups.get("duckdb"));
        List<double[]> d = perEngine.get("duckdb");
        List<double[]> b = perEngine.get("bigquery");
        assertThat(b).hasSameSizeAs(d);
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.get(i).length; j++) {
                double x = d.get(i)[j];
                double y = b.get(i)[j];
                if (Double.isNaN(x)) {
                    assertThat(y).as("number %d, field %d", i, j).isNaN();
                } else {
                    assertThat(y).as("number %d, field %d", i, j).isCloseTo(x, within(1e-9 * Math.max(1, Math.abs(x))));
                }
            }
        }
    }
}
