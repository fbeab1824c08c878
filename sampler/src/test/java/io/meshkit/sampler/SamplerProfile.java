package io.meshkit.sampler;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.internal.MetricEstimator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Where a sampled query's time goes on the benchmark table (run by hand: {@code DB_FILE [RATE]}). */
public final class SamplerProfile {
    private SamplerProfile() {}

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Rate rate = Rate.parse(args.length > 1 ? args[1] : "1%");
        try (Warehouse w = Warehouses.open("duckdb:" + db, Map.of("memory_limit", "4GB", "threads", "2"))) {
            TableId lessons = TableId.of("bench", "lessons");
            List<Metric> metrics = List.of(
                    Metric.parse("lessons_per_user=count/users"),
                    Metric.parse("xp_per_user=sum(xp)/users"),
                    Metric.parse("seconds_per_user=sum(duration_s)/users"),
                    Metric.parse("correct_per_user=sum(correct)/users"),
                    Metric.parse("mistakes_per_user=sum(mistakes)/users"),
                    Metric.parse("hearts_lost_per_user=sum(hearts_lost)/users"),
                    Metric.parse("completed_per_user=sum(completed)/users"),
                    Metric.parse("xp_per_lesson=mean(xp)"),
                    Metric.parse("active_users=users"),
                    Metric.parse("lessons=count"));
            MetricQuery q = new MetricQuery(lessons, ColumnName.of("user_id"), metrics, ColumnName.list("platform"), List.of());
            MetricEstimator e = new MetricEstimator(w);
            for (int i = 0; i < 3; i++) {
                e.run(q, rate);
            }
            time("describe", () -> w.describe(lessons));
            time("whole run() incl. describe and bytes estimate", () -> e.run(q, rate));
            long[] el = new long[9];
            for (int i = 0; i < el.length; i++) {
                el[i] = e.run(q, rate).cost().elapsed().toNanos();
            }
            Arrays.sort(el);
            System.out.printf(Locale.ROOT, "%-50s median %7.2f ms  min %7.2f ms%n", "query elapsed (what evaluate measures)", el[4] / 1e6, el[0] / 1e6);
            time("plain query at 100% (baseline)", () -> drain(w, Sql.of("SELECT platform, count(*), count(DISTINCT user_id), sum(xp), sum(duration_s), sum(correct),"
                    + " sum(mistakes), sum(hearts_lost), sum(completed), count(xp) FROM bench.lessons GROUP BY platform")));
            String t = "bench.lessons";
            String sv = String.valueOf(rate.fraction());
            time("count(*) bound filter", () -> single(w, w.dialect().sql().sql("SELECT count(*) FROM bench.lessons WHERE sampling_value < ").bind(rate.fraction()).build()));
            time("count(*) literal filter", () -> single(w, Sql.of("SELECT count(*) FROM " + t + " WHERE sampling_value < " + sv)));
            time("sum(xp) bound", () -> single(w, w.dialect().sql().sql("SELECT sum(xp) FROM bench.lessons WHERE sampling_value < ").bind(rate.fraction()).build()));
            time("sum(xp) literal", () -> single(w, Sql.of("SELECT sum(xp) FROM " + t + " WHERE sampling_value < " + sv)));
            time("user-level group by, literal", () -> single(w, Sql.of("SELECT count(*) FROM (SELECT platform, user_id, count(*) FROM " + t
                    + " WHERE sampling_value < " + sv + " GROUP BY 1, 2)")));
            time("SELECT 1", () -> single(w, Sql.of("SELECT 1")));
            io.meshkit.core.warehouse.Sql stmt = io.meshkit.sampler.internal.EstimatorSql.of(w, q, rate);
            time("estimator statement via query()", () -> drain(w, stmt));
            time("EXPLAIN of it (planning only)", () -> drain(w, w.dialect().sql().sql("EXPLAIN ").append(stmt).build()));
            String literal = stmt.text().replace("?", sv);
            time("estimator statement, literal rate", () -> drain(w, Sql.of(literal)));
            time("EXPLAIN of literal (planning only)", () -> drain(w, Sql.of("EXPLAIN " + literal)));
            explain(w, w.dialect().sql().sql("EXPLAIN ANALYZE ").append(stmt).build());
        }
    }

    private static Object single(Warehouse w, Sql sql) {
        try (ResultRows r = w.query(sql)) {
            return r.iterator().next().get(0);
        }
    }

    private static Object drain(Warehouse w, Sql sql) {
        int n = 0;
        try (ResultRows r = w.query(sql)) {
            for (Row row : r) {
                n++;
            }
        }
        return n;
    }

    private static void explain(Warehouse w, Sql sql) {
        try (ResultRows r = w.query(sql)) {
            for (Row row : r) {
                System.out.println(row.get(1));
            }
        }
    }

    private static void time(String what, Supplier<Object> run) {
        long[] ns = new long[9];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            run.get();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "%-50s median %7.2f ms  min %7.2f ms%n", what, ns[ns.length / 2] / 1e6, ns[0] / 1e6);
    }
}
