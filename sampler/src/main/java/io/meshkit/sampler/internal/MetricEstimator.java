package io.meshkit.sampler.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.Filter;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Measure;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.api.SamplingLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Runs a metric query at a rate as one SQL statement and turns its per-group sums into estimates
 * with 95% intervals.
 *
 * <p>Method (random groups): the sampled range {@code [0, r)} of sampling values is cut into
 * {@code B} equal sub-ranges; each sampling key (user) falls in exactly one. The inner aggregate
 * sums every measure per group and sub-range ({@code y_b}); the outer one returns, per group,
 * {@code S = Σ y_b}, {@code Q = Σ y_b²} and, for ratios, {@code P = Σ y_b x_b}. Each sub-range is
 * itself a sample of rate {@code r/B}, so {@code T_b = (B/r) y_b} are B estimates of the total whose
 * spread gives the variance of their mean {@code S/r}:
 * <pre>
 *   total:  Var = (1 - r) · B / (r² (B - 1)) · (Q - S²/B)
 *   ratio:  R = S_y / S_x,  Var = (1 - r) · B / ((B - 1) S_x²) · (Q_y - 2 R P + R² Q_x)   (linearization)
 * </pre>
 * {@code (1 - r)} is the finite-population correction (the sub-ranges are disjoint), so at 100% the
 * interval has width 0. Sub-ranges where a group has no rows count as {@code y_b = 0}, which these
 * formulas do without seeing them. The interval is {@code estimate ± t(0.975, B - 1) · sqrt(Var)}.
 */
public final class MetricEstimator {
    private final Warehouse warehouse;

    /** An estimator running its queries in a warehouse. */
    public MetricEstimator(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    /** Runs the query at a rate with {@code subsamples} sub-ranges (at least 2). */
    public SampledResult run(MetricQuery query, Rate rate, int subsamples) {
        requireNonNull(query, "query is null");
        requireNonNull(rate, "rate is null");
        if (subsamples < 2) {
            throw new IllegalArgumentException("at least two sub-samples");
        }
        Columns columns = Columns.of(warehouse, query.table(), "query");
        columns.requirePrepared();
        columns.require(query.samplingKey(), "sampling key");
        query.dimensions().forEach(d -> columns.require(d, "dimension"));
        List<Measure> measures = measures(query);
        for (Measure m : measures) {
            if (m.kind() == Measure.Kind.SUM) {
                columns.requireNumeric(m.column().orElseThrow(), "sum");
            } else if (m.kind() == Measure.Kind.COUNT_OF) {
                columns.require(m.column().orElseThrow(), "count");
            }
        }
        List<Object> filterValues = query.filters().stream().map(columns::filterValue).toList();
        Sql sql = sql(warehouse.dialect(), query, rate, subsamples, measures, filterValues);

        double t = StudentT.quantile(0.975, subsamples - 1);
        int k = query.dimensions().size();
        List<GroupResult> groups = new ArrayList<>();
        java.time.Duration elapsed;
        OptionalLong reportedBytes;
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row row : rows) {
                List<Object> dims = new ArrayList<>(k);
                for (int i = 0; i < k; i++) {
                    dims.add(row.get(i));
                }
                double[] s = new double[measures.size()];
                double[] q = new double[measures.size()];
                for (int i = 0; i < measures.size(); i++) {
                    s[i] = number(row.get(k + 2 * i));
                    q[i] = number(row.get(k + 2 * i + 1));
                }
                int base = k + 2 * measures.size();
                List<Estimate> estimates = new ArrayList<>();
                int ratioIndex = 0;
                for (Metric m : query.metrics()) {
                    int y = measures.indexOf(m.numerator());
                    if (m.isRatio()) {
                        int x = measures.indexOf(m.denominator().orElseThrow());
                        double p = number(row.get(base + ratioIndex++));
                        estimates.add(ratio(m.name(), s[y], q[y], s[x], q[x], p, rate.fraction(), subsamples, t));
                    } else {
                        estimates.add(total(m.name(), s[y], q[y], rate.fraction(), subsamples, t));
                    }
                }
                groups.add(new GroupResult(dims, Math.round(s[0]), estimates));
            }
            elapsed = rows.stats().elapsed();
            reportedBytes = rows.stats().bytesScanned();
        }
        SampledResult.QueryCost cost;
        if (reportedBytes.isPresent()) {
            cost = new SampledResult.QueryCost(elapsed, reportedBytes, false);
        } else {
            cost = new SampledResult.QueryCost(elapsed, ScanEstimate.bytes(warehouse, columns.info(), usedColumns(query), rate), true);
        }
        return new SampledResult(query, rate, subsamples, groups, cost);
    }

    /** The distinct measures of the query's metrics, rows first (every group reports its sampled rows). */
    static List<Measure> measures(MetricQuery query) {
        Set<Measure> set = new java.util.LinkedHashSet<>();
        set.add(Measure.rows());
        for (Metric m : query.metrics()) {
            set.add(m.numerator());
            m.denominator().ifPresent(set::add);
        }
        return List.copyOf(set);
    }

    /** Every column the query reads, for the bytes estimate. */
    static Set<ColumnName> usedColumns(MetricQuery query) {
        Set<ColumnName> used = new HashSet<>();
        used.add(SamplingLayout.SAMPLING_VALUE);
        used.addAll(query.dimensions());
        query.filters().forEach(f -> used.add(f.column()));
        for (Measure m : measures(query)) {
            if (m.kind() == Measure.Kind.KEYS) {
                used.add(query.samplingKey());
            }
            m.column().ifPresent(used::add);
        }
        return used;
    }

    static Estimate total(String name, double s, double q, double r, int b, double t) {
        double value = s / r;
        if (r >= 1) {
            return new Estimate(name, value, 0, value, value);
        }
        double variance = (1 - r) * b / (r * r * (b - 1)) * (q - s * s / b);
        double se = Math.sqrt(Math.max(variance, 0));
        return new Estimate(name, value, se, value - t * se, value + t * se);
    }

    static Estimate ratio(String name, double sy, double qy, double sx, double qx, double p, double r, int b, double t) {
        if (sx == 0) {
            return new Estimate(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double value = sy / sx;
        if (r >= 1) {
            return new Estimate(name, value, 0, value, value);
        }
        double residual = qy - 2 * value * p + value * value * qx;
        double variance = (1 - r) * b / ((b - 1) * sx * sx) * residual;
        double se = Math.sqrt(Math.max(variance, 0));
        return new Estimate(name, value, se, value - t * se, value + t * se);
    }

    private static double number(Object v) {
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    /**
     * The statement: sums per group and sub-range inside, their sums, squares and cross products per
     * group outside. Column aliases are meshkit's own ({@code meshkit_*}), never user text.
     */
    static Sql sql(Dialect dialect, MetricQuery query, Rate rate, int subsamples, List<Measure> measures, List<Object> filterValues) {
        SqlBuilder b = dialect.sql();
        int k = query.dimensions().size();
        b.sql("SELECT ");
        for (int i = 0; i < k; i++) {
            b.id(alias("d", i)).sql(", ");
        }
        for (int i = 0; i < measures.size(); i++) {
            b.sql(i == 0 ? "" : ", ");
            b.sql("sum(").id(alias("m", i)).sql(") AS ").id(alias("s", i));
            b.sql(", sum(CAST(").id(alias("m", i)).sql(" AS ").type(DataType.DOUBLE).sql(") * CAST(").id(alias("m", i)).sql(" AS ")
                    .type(DataType.DOUBLE).sql(")) AS ").id(alias("q", i));
        }
        int ratio = 0;
        for (Metric m : query.metrics()) {
            if (m.isRatio()) {
                int y = measures.indexOf(m.numerator());
                int x = measures.indexOf(m.denominator().orElseThrow());
                b.sql(", sum(CAST(").id(alias("m", y)).sql(" AS ").type(DataType.DOUBLE).sql(") * CAST(").id(alias("m", x)).sql(" AS ")
                        .type(DataType.DOUBLE).sql(")) AS ").id(alias("p", ratio++));
            }
        }
        b.sql(" FROM (SELECT ");
        for (int i = 0; i < k; i++) {
            b.id(query.dimensions().get(i)).sql(" AS ").id(alias("d", i)).sql(", ");
        }
        if (rate.isFull()) {
            // at 100% the variance is 0 (the finite-population factor 1 - r): no sub-ranges to group by
            b.sql("0 AS ").id(ColumnName.of("meshkit_b"));
        } else {
            // the sub-range of [0, r) a row's key falls in; least() guards against rounding at the top edge
            b.sql("least(CAST(floor(").id(SamplingLayout.SAMPLING_VALUE).sql(" * ").bind(subsamples / rate.fraction())
                    .sql(") AS BIGINT), ").bind((long) subsamples - 1).sql(") AS ").id(ColumnName.of("meshkit_b"));
        }
        for (int i = 0; i < measures.size(); i++) {
            b.sql(", ");
            Measure m = measures.get(i);
            switch (m.kind()) {
                case ROWS -> b.sql("count(*)");
                case KEYS -> b.sql("count(DISTINCT ").id(query.samplingKey()).sql(")");
                case SUM -> b.sql("coalesce(sum(CAST(").id(m.column().orElseThrow()).sql(" AS ").type(DataType.DOUBLE).sql(")), 0)");
                case COUNT_OF -> b.sql("count(").id(m.column().orElseThrow()).sql(")");
            }
            b.sql(" AS ").id(alias("m", i));
        }
        b.sql(" FROM ").table(query.table());
        boolean first = true;
        if (!rate.isFull()) {
            b.sql(" WHERE ").id(SamplingLayout.SAMPLING_VALUE).sql(" < ").bind(rate.fraction());
            first = false;
        }
        for (int i = 0; i < query.filters().size(); i++) {
            Filter f = query.filters().get(i);
            b.sql(first ? " WHERE " : " AND ").append(f.predicate(dialect, filterValues.get(i)));
            first = false;
        }
        b.sql(" GROUP BY ");
        for (int i = 0; i <= k; i++) {
            b.sql(i == 0 ? "" : ", ").literal(i + 1);
        }
        b.sql(") AS meshkit_buckets");
        if (k > 0) {
            b.sql(" GROUP BY ");
            for (int i = 0; i < k; i++) {
                b.sql(i == 0 ? "" : ", ").id(alias("d", i));
            }
            b.sql(" ORDER BY ");
            for (int i = 0; i < k; i++) {
                b.sql(i == 0 ? "" : ", ").id(alias("d", i));
            }
        }
        return b.build();
    }

    private static ColumnName alias(String kind, int i) {
        return ColumnName.of("meshkit_" + kind + i);
    }

    /** The estimates of a result by group, for comparisons across rates. */
    static Map<List<Object>, GroupResult> byGroup(SampledResult result) {
        Map<List<Object>, GroupResult> map = new LinkedHashMap<>();
        result.groups().forEach(g -> map.put(g.dimensions(), g));
        return map;
    }
}
