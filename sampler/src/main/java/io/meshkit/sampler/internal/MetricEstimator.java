package io.meshkit.sampler.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
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
 * <p>Method (clusters of users): the sampled users fall into {@link #UNITS} equal slices of their
 * sampling values below r, each slice a random cluster of users (the hash behaves as a random number,
 * so every user lands in each slice with probability r / UNITS, independently). The statement sums
 * every measure per group and sampled user inside, and per group and slice outside (plain sums and
 * the number of users: no powers), one row per group and slice. A total is the Horvitz-Thompson
 * estimate {@code Σy / r} and a ratio {@code Σy / Σx} is linearised (the delta method); the variance,
 * its skew correction and the effective sample size come from the slices' centred totals
 * ({@link UserLevelInterval}), computed here from the returned rows. At 100% the answer is exact and
 * the statement is the plain aggregate.
 */
public final class MetricEstimator {
    /**
     * The units of the variance: the sampled users fall into this many equal slices of their sampling
     * values, {@code [u r / UNITS, (u + 1) r / UNITS)}, each a random cluster of users.
     */
    static final int UNITS = 1000;

    /** The inner aggregate's column of a user's sampling value. */
    private static final ColumnName USER_VALUE = ColumnName.of("meshkit_v");

    private final Warehouse warehouse;
    /**
     * The tables this estimator has described, by table: {@code evaluate} and {@code recommend} run many
     * queries of one table through one estimator, and the catalog's answer (several milliseconds on
     * the embedded warehouse, more than a 0.1% statement) is read once. An estimator lives as long as one command.
     */
    private final Map<TableId, Columns> described = new java.util.concurrent.ConcurrentHashMap<>();

    /** An estimator running its queries in a warehouse. */
    public MetricEstimator(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    /** Runs the query at a rate; {@code subsamples} is kept for compatibility and not used (the variance is estimated per user). */
    public SampledResult run(MetricQuery query, Rate rate, int subsamples) {
        return run(query, rate);
    }

    /** Runs the query at a rate. */
    public SampledResult run(MetricQuery query, Rate rate) {
        return run(query, rate, true);
    }

    /**
     * Runs the query at a rate; without {@code estimateBytes} the bytes are left unknown where the
     * warehouse does not report them (the estimate reads storage metadata, which can cost more than a
     * small sampled query: timing runs skip it).
     */
    public SampledResult run(MetricQuery query, Rate rate, boolean estimateBytes) {
        requireNonNull(query, "query is null");
        requireNonNull(rate, "rate is null");
        long t0 = System.nanoTime();
        Columns columns = described.computeIfAbsent(query.table(), t -> Columns.of(warehouse, t, "query"));
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
        Sql sql = sql(warehouse.dialect(), query, rate, measures, filterValues, SampleFilter.bucketed(columns.info()));
        java.time.Duration metadata = java.time.Duration.ofNanos(System.nanoTime() - t0);
        List<GroupResult> groups = new ArrayList<>();
        java.time.Duration elapsed;
        OptionalLong reportedBytes;
        ResultRows result = warehouse.query(sql);
        try (ResultRows rows = result) {
            groups.addAll(groups(rows, query, rate, measures));
            elapsed = rows.stats().elapsed();
            reportedBytes = rows.stats().bytesScanned();
        }
        SampledResult.QueryCost cost;
        if (reportedBytes.isPresent() || !estimateBytes) {
            cost = new SampledResult.QueryCost(elapsed, reportedBytes, false, metadata, java.time.Duration.ZERO, result.timing());
        } else {
            long t1 = System.nanoTime();
            OptionalLong bytes = ScanEstimate.bytes(warehouse, columns.info(), usedColumns(query), rate);
            cost = new SampledResult.QueryCost(elapsed, bytes, bytes.isPresent(), metadata, java.time.Duration.ofNanos(System.nanoTime() - t1),
                    result.timing());
        }
        return new SampledResult(query, rate, groups, cost);
    }

    /**
     * The groups' estimates from the statement's rows: at 100% one row per group, the exact answer;
     * below, one row per group and unit (in the order of the groups), whose measures
     * {@link UserLevelInterval} turns into estimates with intervals.
     */
    static List<GroupResult> groups(ResultRows rows, MetricQuery query, Rate rate, List<Measure> measures) {
        int k = query.dimensions().size();
        List<GroupResult> groups = new ArrayList<>();
        if (rate.isFull()) {
            for (Row row : rows) {
                groups.add(full(row, query, measures));
            }
            return groups;
        }
        List<Measure> sampled = sampledMeasures(measures);
        Map<List<Object>, List<double[]>> units = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Object> dims = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                dims.add(row.get(i));
            }
            double[] values = new double[sampled.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(row.get(k + i));
            }
            units.computeIfAbsent(java.util.Collections.unmodifiableList(dims), d -> new ArrayList<>()).add(values);
        }
        units.forEach((dims, list) -> groups.add(sampledGroup(dims, list, query, rate, sampled)));
        return groups;
    }

    private static GroupResult full(Row row, MetricQuery query, List<Measure> measures) {
        int k = query.dimensions().size();
        List<Object> dims = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            dims.add(row.get(i));
        }
        double[] s = new double[measures.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = number(row.get(k + i));
        }
        List<Estimate> estimates = new ArrayList<>();
        for (Metric m : query.metrics()) {
            double y = s[measures.indexOf(m.numerator())];
            if (m.isRatio()) {
                double x = s[measures.indexOf(m.denominator().orElseThrow())];
                double v = x == 0 ? Double.NaN : y / x;
                estimates.add(new Estimate(m.name(), v, x == 0 ? Double.NaN : 0, v, v));
            } else {
                estimates.add(new Estimate(m.name(), y, 0, y, y));
            }
        }
        return new GroupResult(dims, Math.round(s[0]), estimates);
    }

    /** One group's estimates from its units' measures (the units the sample did not reach hold zeros). */
    private static GroupResult sampledGroup(List<Object> dims, List<double[]> units, MetricQuery query, Rate rate, List<Measure> measures) {
        int n = units.size();
        double[][] byMeasure = new double[measures.size()][n];
        for (int u = 0; u < n; u++) {
            for (int i = 0; i < measures.size(); i++) {
                byMeasure[i][u] = units.get(u)[i];
            }
        }
        long users = Math.round(sum(byMeasure[measures.indexOf(Measure.keys())]));
        double r = rate.fraction();
        List<Estimate> estimates = new ArrayList<>();
        for (Metric m : query.metrics()) {
            double[] y = byMeasure[measures.indexOf(m.numerator())];
            if (m.isRatio()) {
                double[] x = byMeasure[measures.indexOf(m.denominator().orElseThrow())];
                Estimate e = UserLevelInterval.ratio(m.name(), y, x, UNITS, users, r);
                estimates.add(counts(m.numerator()) && counts(m.denominator().orElseThrow()) ? atLeast(e, 0) : e);
            } else {
                Estimate e = UserLevelInterval.total(m.name(), y, UNITS, users, r);
                // the population holds at least the rows (users) the sample saw
                estimates.add(counts(m.numerator()) ? atLeast(e, sum(y)) : e);
            }
        }
        return new GroupResult(dims, Math.round(sum(byMeasure[0])), estimates);
    }

    /** Whether a measure counts something (rows, users, values), so that no total of it is below what the sample counted. */
    private static boolean counts(Measure m) {
        return m.kind() != Measure.Kind.SUM;
    }

    /**
     * The estimate with its interval's lower end raised to {@code floor}, a bound the number cannot be
     * under (a count is at least what the sample counted, a ratio of counts at least 0): a small sample's
     * symmetric interval would otherwise reach below it. The truth is never excluded, so coverage holds.
     */
    static Estimate atLeast(Estimate e, double floor) {
        if (!(e.lower() < floor)) {
            return e;
        }
        return new Estimate(e.metric(), e.value(), e.standardError(), floor, Math.max(e.upper(), floor), e.users(), e.effectiveSampleSize(),
                e.skewness(), e.standardErrorUpper());
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** The measures of the sampled statement: the query's, and the sampling keys (every group reports its users). */
    static List<Measure> sampledMeasures(List<Measure> measures) {
        if (measures.contains(Measure.keys())) {
            return measures;
        }
        List<Measure> list = new ArrayList<>(measures);
        list.add(Measure.keys());
        return List.copyOf(list);
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

    private static double number(Object v) {
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    /**
     * The statement. Below 100%: the measures per group and sampled user inside (as DOUBLE), their sums
     * and the number of users per group and unit outside, ordered by group. At 100%: the plain aggregate
     * per group. Column aliases are meshkit's own ({@code meshkit_*}), never user text.
     */
    static Sql sql(Dialect dialect, MetricQuery query, Rate rate, List<Measure> measures, List<Object> filterValues) {
        return sql(dialect, query, rate, measures, filterValues, false);
    }

    /** The statement, with {@code bucketed} for a table clustered by {@link SampleFilter#SAMPLING_BUCKET}. */
    static Sql sql(Dialect dialect, MetricQuery query, Rate rate, List<Measure> measures, List<Object> filterValues, boolean bucketed) {
        SqlBuilder b = dialect.sql();
        int k = query.dimensions().size();
        if (rate.isFull()) {
            b.sql("SELECT ");
            for (int i = 0; i < k; i++) {
                b.id(query.dimensions().get(i)).sql(" AS ").id(alias("d", i)).sql(", ");
            }
            for (int i = 0; i < measures.size(); i++) {
                b.sql(i == 0 ? "" : ", ");
                measure(b, query, measures.get(i));
            }
            from(b, dialect, query, rate, filterValues, bucketed);
            if (k > 0) {
                b.sql(" GROUP BY ");
                for (int i = 0; i < k; i++) {
                    b.sql(i == 0 ? "" : ", ").literal(i + 1);
                }
                b.sql(" ORDER BY ");
                for (int i = 0; i < k; i++) {
                    b.sql(i == 0 ? "" : ", ").literal(i + 1);
                }
            }
            return b.build();
        }
        // one row per group and unit (UNITS equal slices of the sampling values below r, each a cluster of
        // users): inside, the measures per group and sampled user, with the user's sampling value (every row of
        // a user has the same: it is the hash of the key); outside, their sums per group and unit, the unit
        // computed from that value, and the users. The unit is not a key of the inner aggregate (a double
        // there costs more than the whole per-user hashing) nor a column of the result (the JVM does not read it).
        List<Measure> sampled = sampledMeasures(measures);
        b.sql("SELECT ");
        for (int i = 0; i < k; i++) {
            b.id(alias("d", i)).sql(", ");
        }
        for (int i = 0; i < sampled.size(); i++) {
            b.sql(i == 0 ? "" : ", ");
            if (sampled.get(i).kind() == Measure.Kind.KEYS) {
                b.sql("count(*)");
            } else {
                b.sql("sum(").id(alias("m", i)).sql(")");
            }
            b.sql(" AS ").id(alias("s", i));
        }
        b.sql(" FROM (SELECT ");
        for (int i = 0; i < k; i++) {
            b.id(query.dimensions().get(i)).sql(" AS ").id(alias("d", i)).sql(", ");
        }
        b.sql("min(").id(SamplingLayout.SAMPLING_VALUE).sql(") AS ").id(USER_VALUE);
        for (int i = 0; i < sampled.size(); i++) {
            Measure m = sampled.get(i);
            if (m.kind() == Measure.Kind.SUM) {
                // NULL when all the user's values are: the outer sum skips it, and a unit of none reads as 0
                b.sql(", sum(CAST(").id(m.column().orElseThrow()).sql(" AS ").type(DataType.DOUBLE).sql(")) AS ").id(alias("m", i));
            } else if (m.kind() != Measure.Kind.KEYS) {
                b.sql(", CAST(");
                measure(b, query, m);
                b.sql(" AS ").type(DataType.DOUBLE).sql(") AS ").id(alias("m", i));
            }
        }
        from(b, dialect, query, rate, filterValues, bucketed);
        b.sql(" GROUP BY ");
        for (int i = 0; i < k; i++) {
            b.id(query.dimensions().get(i)).sql(", ");
        }
        b.id(query.samplingKey());
        b.sql(") AS meshkit_users GROUP BY ");
        for (int i = 0; i < k; i++) {
            b.id(alias("d", i)).sql(", ");
        }
        // the unit: floor(sampling_value * UNITS / r), in [0, UNITS)
        b.sql("floor(").id(USER_VALUE).sql(" * ").bind(UNITS / rate.fraction()).sql(")");
        if (k > 0) {
            b.sql(" ORDER BY ");
            for (int i = 0; i < k; i++) {
                b.sql(i == 0 ? "" : ", ").id(alias("d", i));
            }
        }
        return b.build();
    }

    /** One measure's aggregate (a user counts once: distinct keys; sums as DOUBLE, 0 for none). */
    private static void measure(SqlBuilder b, MetricQuery query, Measure m) {
        switch (m.kind()) {
            case ROWS -> b.sql("count(*)");
            case KEYS -> b.sql("count(DISTINCT ").id(query.samplingKey()).sql(")");
            case SUM -> b.sql("coalesce(sum(CAST(").id(m.column().orElseThrow()).sql(" AS ").type(DataType.DOUBLE).sql(")), 0)");
            case COUNT_OF -> b.sql("count(").id(m.column().orElseThrow()).sql(")");
        }
    }

    private static void from(SqlBuilder b, Dialect dialect, MetricQuery query, Rate rate, List<Object> filterValues, boolean bucketed) {
        b.sql(" FROM ").table(query.table());
        boolean first = true;
        if (!rate.isFull()) {
            SampleFilter.append(b.sql(" WHERE "), bucketed, rate);
            first = false;
        }
        for (int i = 0; i < query.filters().size(); i++) {
            Filter f = query.filters().get(i);
            b.sql(first ? " WHERE " : " AND ").append(f.predicate(dialect, filterValues.get(i)));
            first = false;
        }
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
