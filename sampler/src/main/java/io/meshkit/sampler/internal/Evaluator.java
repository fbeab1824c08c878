package io.meshkit.sampler.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.progress.Progress;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.Evaluation;
import io.meshkit.sampler.api.Filter;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Measure;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs queries at each rate and compares every number with the exact answer (the 100% run). Each
 * query is run once per rate to warm the cache (these runs give the estimates compared), each sampled
 * rate {@link #WARM_UP_RUNS} times more to warm the JVM (its compiler, which otherwise works during the
 * first timed rounds of the smallest rates), then {@code runs} rounds time the plain query and every
 * rate in turn; the median time counts.
 * The speed-up's baseline is the plain query a user would write without meshkit (no sampling
 * filter, no per-user grouping), timed the same way in the same run.
 */
public final class Evaluator {
    /** Untimed runs of every sampled (below 100%) statement before the timed rounds: the JVM's warm-up. */
    static final int WARM_UP_RUNS = 10;

    private final Warehouse warehouse;
    private final MetricEstimator estimator;

    /** An evaluator working in a warehouse. */
    public Evaluator(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.estimator = new MetricEstimator(warehouse);
    }

    /** Evaluates the queries at the rates (100% is always run: it is the truth). */
    public Evaluation evaluate(List<MetricQuery> queries, List<Rate> rates, int subsamples, int runs) {
        return evaluate(queries, rates, subsamples, runs, Progress.none());
    }

    /**
     * Evaluates the queries at the rates, showing on {@code progress} the estimates (a query per query and rate, the
     * plain one included) and then the timed rounds.
     */
    public Evaluation evaluate(List<MetricQuery> queries, List<Rate> rates, int subsamples, int runs, Progress progress) {
        List<Rate> ordered = new ArrayList<>(rates);
        if (ordered.stream().noneMatch(Rate::isFull)) {
            ordered.add(Rate.FULL);
        }
        ordered.sort((a, b) -> b.compareTo(a));
        progress.phase("estimating", (long) queries.size() * (ordered.size() + 1), "queries");
        // first every query once at every rate (the estimates compared, and a warm-up), the plain query too
        List<Sql> plains = new ArrayList<>();
        List<Map<List<Object>, GroupResult>> truths = new ArrayList<>();
        Map<Rate, List<SampledResult>> results = new java.util.LinkedHashMap<>();
        for (MetricQuery q : queries) {
            Sql plain = plainSql(q);
            plains.add(plain);
            runPlain(plain);
            progress.done().incrementAndGet();
            for (Rate r : ordered) {
                SampledResult result = estimator.run(q, r);
                results.computeIfAbsent(r, k -> new ArrayList<>()).add(result);
                if (r.isFull()) {
                    truths.add(MetricEstimator.byGroup(result));
                }
                progress.done().incrementAndGet();
            }
        }
        // then the sampled statements again, untimed, until the JVM has compiled the code that sends them and reads
        // their rows: at 1% and below a statement takes a few milliseconds, less than the compiler's work on its
        // first runs (measured: the first of several evaluations in one JVM timed 1% at 33x, the next ones at 54x
        // and 57x); the plain query and 100% are the warehouse's work alone and need no more than their first run
        progress.phase("warming up", (long) WARM_UP_RUNS * queries.size() * ordered.stream().filter(r -> !r.isFull()).count(), "queries");
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            for (MetricQuery q : queries) {
                for (Rate r : ordered) {
                    if (!r.isFull()) {
                        estimator.run(q, r, false);
                        progress.done().incrementAndGet();
                    }
                }
            }
        }
        progress.phase("timing", (long) runs * queries.size() * (ordered.size() + 1), "queries");
        // then the timed runs in rounds, each round running the plain query and every rate, so that a
        // change of load on a shared machine falls on all of them alike
        long[][] plainTimes = new long[queries.size()][runs];
        Map<Rate, long[][]> times = new java.util.HashMap<>();
        ordered.forEach(r -> times.put(r, new long[queries.size()][runs]));
        for (int i = 0; i < runs; i++) {
            for (int qi = 0; qi < queries.size(); qi++) {
                plainTimes[qi][i] = runPlain(plains.get(qi));
                progress.done().incrementAndGet();
                for (Rate r : ordered) {
                    times.get(r)[qi][i] = estimator.run(queries.get(qi), r, false).cost().elapsed().toNanos();
                    progress.done().incrementAndGet();
                }
            }
        }
        long baseline = 0;
        for (long[] t : plainTimes) {
            baseline += median(t);
        }
        List<Evaluation.RateRow> rows = new ArrayList<>();
        for (Rate r : ordered) {
            long time = 0;
            long bytes = 0;
            boolean bytesKnown = true;
            boolean estimated = false;
            int numbers = 0;
            int covered = 0;
            double errorSum = 0;
            double maxError = 0;
            for (int qi = 0; qi < queries.size(); qi++) {
                SampledResult result = results.get(r).get(qi);
                time += median(times.get(r)[qi]);
                if (result.cost().bytesScanned().isPresent()) {
                    bytes += result.cost().bytesScanned().getAsLong();
                } else {
                    bytesKnown = false;
                }
                estimated |= result.cost().bytesEstimated();
                Map<List<Object>, GroupResult> sample = MetricEstimator.byGroup(result);
                for (Map.Entry<List<Object>, GroupResult> truth : truths.get(qi).entrySet()) {
                    GroupResult got = sample.get(truth.getKey());
                    for (Estimate exact : truth.getValue().estimates()) {
                        if (Double.isNaN(exact.value()) || exact.value() == 0) {
                            continue; // no relative error of an undefined or zero truth
                        }
                        numbers++;
                        double error;
                        if (got == null) {
                            error = 1.0; // the sample saw no row of this group
                        } else {
                            Estimate e = got.estimate(exact.metric());
                            error = Double.isNaN(e.value()) ? 1.0 : Math.abs(e.value() - exact.value()) / Math.abs(exact.value());
                            if (e.covers(exact.value())) {
                                covered++;
                            }
                        }
                        errorSum += error;
                        maxError = Math.max(maxError, error);
                    }
                }
            }
            rows.add(new Evaluation.RateRow(r, Duration.ofNanos(time), bytesKnown ? OptionalLong.of(bytes) : OptionalLong.empty(),
                    estimated, numbers, numbers == 0 ? 0 : errorSum / numbers, maxError, numbers == 0 ? 1 : (double) covered / numbers));
        }
        return new Evaluation(queries.size(), Duration.ofNanos(baseline), rows);
    }

    private long runPlain(Sql plain) {
        try (ResultRows rows = warehouse.query(plain)) {
            for (Row ignored : rows) {
                // drain: the time counts the whole result
            }
            return rows.stats().elapsed().toNanos();
        }
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** The query as a user would write it without sampling: one aggregate per group over every row. */
    Sql plainSql(MetricQuery query) {
        Columns columns = Columns.of(warehouse, query.table(), "evaluate");
        List<Object> values = query.filters().stream().map(columns::filterValue).toList();
        SqlBuilder b = warehouse.dialect().sql().sql("SELECT ");
        for (var d : query.dimensions()) {
            b.id(d).sql(", ");
        }
        List<Measure> measures = MetricEstimator.measures(query);
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            b.sql(i == 0 ? "" : ", ");
            switch (m.kind()) {
                case ROWS -> b.sql("count(*)");
                case KEYS -> b.sql("count(DISTINCT ").id(query.samplingKey()).sql(")");
                case SUM -> b.sql("sum(CAST(").id(m.column().orElseThrow()).sql(" AS ").type(DataType.DOUBLE).sql("))");
                case COUNT_OF -> b.sql("count(").id(m.column().orElseThrow()).sql(")");
            }
        }
        b.sql(" FROM ").table(query.table());
        for (int i = 0; i < query.filters().size(); i++) {
            Filter f = query.filters().get(i);
            b.sql(i == 0 ? " WHERE " : " AND ").append(f.predicate(warehouse.dialect(), values.get(i)));
        }
        if (!query.dimensions().isEmpty()) {
            b.sql(" GROUP BY ").ids(query.dimensions()).sql(" ORDER BY ").ids(query.dimensions());
        }
        return b.build();
    }
}
