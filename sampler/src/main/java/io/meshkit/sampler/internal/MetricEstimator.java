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
 * <p>Method (user level): the inner aggregate sums every measure per group and sampled user (the
 * sampling key), the outer one returns per group the number of users and the power sums
 * {@code Σ y^j x^k} (j + k at most 4) of those per-user values: a total's and a ratio's numerator
 * and denominator. Users enter the sample independently with probability r, so a total is the
 * Horvitz-Thompson estimate {@code Σy / r} and a ratio {@code Σy / Σx} is linearised (the delta
 * method) at user level; {@link UserLevelInterval} turns the sums into the variance, a
 * skewness-corrected interval, the effective sample size and an upper bound of the standard error.
 * At 100% the answer is exact and the statement is the plain aggregate.
 */
public final class MetricEstimator {
    /** The largest power the statement sums (variance of the variance: fourth moments). */
    static final int POWER = 4;

    private final Warehouse warehouse;

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
        Sql sql = sql(warehouse.dialect(), query, rate, measures, filterValues);
        java.time.Duration metadata = java.time.Duration.ofNanos(System.nanoTime() - t0);
        List<GroupResult> groups = new ArrayList<>();
        java.time.Duration elapsed;
        OptionalLong reportedBytes;
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row row : rows) {
                groups.add(group(row, query, rate, measures));
            }
            elapsed = rows.stats().elapsed();
            reportedBytes = rows.stats().bytesScanned();
        }
        SampledResult.QueryCost cost;
        if (reportedBytes.isPresent() || !estimateBytes) {
            cost = new SampledResult.QueryCost(elapsed, reportedBytes, false, metadata, java.time.Duration.ZERO);
        } else {
            long t1 = System.nanoTime();
            OptionalLong bytes = ScanEstimate.bytes(warehouse, columns.info(), usedColumns(query), rate);
            cost = new SampledResult.QueryCost(elapsed, bytes, bytes.isPresent(), metadata, java.time.Duration.ofNanos(System.nanoTime() - t1));
        }
        return new SampledResult(query, rate, groups, cost);
    }

    /** One group's estimates from its row of the statement (columns in the order {@link #sql} writes them). */
    static GroupResult group(Row row, MetricQuery query, Rate rate, List<Measure> measures) {
        int k = query.dimensions().size();
        List<Object> dims = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            dims.add(row.get(i));
        }
        int col = k;
        List<Estimate> estimates = new ArrayList<>();
        if (rate.isFull()) {
            double[] s = new double[measures.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = number(row.get(col++));
            }
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
        long users = Math.round(number(row.get(col++)));
        double[][] power = new double[measures.size()][POWER + 1];
        for (int i = 0; i < measures.size(); i++) {
            for (int p = 1; p <= POWER; p++) {
                // a user counts once: every power sum of the users measure is the number of users
                power[i][p] = isKeys(measures.get(i)) ? users : number(row.get(col++));
            }
        }
        double r = rate.fraction();
        for (Metric m : query.metrics()) {
            int y = measures.indexOf(m.numerator());
            if (m.isRatio()) {
                int x = measures.indexOf(m.denominator().orElseThrow());
                double[][] mm = new double[POWER + 1][POWER + 1];
                for (int p = 1; p <= POWER; p++) {
                    mm[p][0] = power[y][p];
                    mm[0][p] = power[x][p];
                }
                for (int[] jk : crossPowers()) {
                    if (isKeys(m.numerator())) {
                        mm[jk[0]][jk[1]] = power[x][jk[1]]; // y = 1 per user
                    } else if (isKeys(m.denominator().orElseThrow())) {
                        mm[jk[0]][jk[1]] = power[y][jk[0]]; // x = 1 per user
                    } else {
                        mm[jk[0]][jk[1]] = number(row.get(col++));
                    }
                }
                estimates.add(UserLevelInterval.ratio(m.name(), mm, users, r));
            } else {
                estimates.add(UserLevelInterval.total(m.name(), power[y][1], power[y][2], power[y][3], power[y][4], users, r));
            }
        }
        return new GroupResult(dims, Math.round(power[0][1]), estimates);
    }

    private static boolean isKeys(Measure m) {
        return m.kind() == Measure.Kind.KEYS;
    }

    /** The mixed powers {@code y^j x^k} (j, k at least 1, j + k at most 4) a ratio needs beyond its parts' own. */
    static List<int[]> crossPowers() {
        List<int[]> list = new ArrayList<>();
        for (int j = 1; j < POWER; j++) {
            for (int k = 1; j + k <= POWER; k++) {
                list.add(new int[] {j, k});
            }
        }
        return list;
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
     * The statement. Below 100%: the measures per group and sampled user inside (as DOUBLE), the number
     * of users and the power sums outside. At 100%: the plain aggregate per group. Column aliases are
     * meshkit's own ({@code meshkit_*}), never user text.
     */
    static Sql sql(Dialect dialect, MetricQuery query, Rate rate, List<Measure> measures, List<Object> filterValues) {
        SqlBuilder b = dialect.sql();
        int k = query.dimensions().size();
        if (rate.isFull()) {
            b.sql("SELECT ");
            for (int i = 0; i < k; i++) {
                b.id(query.dimensions().get(i)).sql(" AS ").id(alias("d", i)).sql(", ");
            }
            for (int i = 0; i < measures.size(); i++) {
                b.sql(i == 0 ? "" : ", ");
                measure(b, query, measures.get(i), true);
            }
            from(b, dialect, query, rate, filterValues);
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
        b.sql("SELECT ");
        for (int i = 0; i < k; i++) {
            b.id(alias("d", i)).sql(", ");
        }
        b.sql("count(*) AS ").id(ColumnName.of("meshkit_users"));
        for (int i = 0; i < measures.size(); i++) {
            if (isKeys(measures.get(i))) {
                continue; // its power sums are the number of users
            }
            for (int p = 1; p <= POWER; p++) {
                b.sql(", sum(");
                product(b, i, p, -1, 0);
                b.sql(") AS ").id(alias("s" + i + "_", p));
            }
        }
        int ratio = 0;
        for (Metric m : query.metrics()) {
            if (m.isRatio() && !isKeys(m.numerator()) && !isKeys(m.denominator().orElseThrow())) {
                int y = measures.indexOf(m.numerator());
                int x = measures.indexOf(m.denominator().orElseThrow());
                for (int[] jk : crossPowers()) {
                    b.sql(", sum(");
                    product(b, y, jk[0], x, jk[1]);
                    b.sql(") AS ").id(alias("p" + ratio + "_" + jk[0] + "_", jk[1]));
                }
                ratio++;
            }
        }
        b.sql(" FROM (SELECT ");
        for (int i = 0; i < k; i++) {
            b.id(query.dimensions().get(i)).sql(" AS ").id(alias("d", i)).sql(", ");
        }
        b.id(query.samplingKey()).sql(" AS ").id(ColumnName.of("meshkit_key"));
        for (int i = 0; i < measures.size(); i++) {
            b.sql(", CAST(");
            measure(b, query, measures.get(i), false);
            b.sql(" AS ").type(DataType.DOUBLE).sql(") AS ").id(alias("m", i));
        }
        from(b, dialect, query, rate, filterValues);
        b.sql(" GROUP BY ");
        for (int i = 0; i <= k; i++) {
            b.sql(i == 0 ? "" : ", ").literal(i + 1);
        }
        b.sql(") AS meshkit_users");
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

    /**
     * {@code m_i^p · m_x^q} of the inner DOUBLE columns ({@code x < 0}: no second factor), with
     * {@code power()} rather than repeated products: fewer expression nodes to plan, and planning is
     * much of a small sampled query's time.
     */
    private static void product(SqlBuilder b, int i, int p, int x, int q) {
        power(b, i, p);
        if (x >= 0) {
            b.sql(" * ");
            power(b, x, q);
        }
    }

    private static void power(SqlBuilder b, int i, int p) {
        if (p == 1) {
            b.id(alias("m", i));
        } else {
            b.sql("power(").id(alias("m", i)).sql(", ").literal(p).sql(")");
        }
    }

    /** One measure's aggregate; per user (inside) a user counts once, over all rows (at 100%) distinct keys count. */
    private static void measure(SqlBuilder b, MetricQuery query, Measure m, boolean full) {
        switch (m.kind()) {
            case ROWS -> b.sql("count(*)");
            case KEYS -> {
                if (full) {
                    b.sql("count(DISTINCT ").id(query.samplingKey()).sql(")");
                } else {
                    b.sql("1"); // one user per row of the inner aggregate
                }
            }
            case SUM -> b.sql("coalesce(sum(CAST(").id(m.column().orElseThrow()).sql(" AS ").type(DataType.DOUBLE).sql(")), 0)");
            case COUNT_OF -> b.sql("count(").id(m.column().orElseThrow()).sql(")");
        }
    }

    private static void from(SqlBuilder b, Dialect dialect, MetricQuery query, Rate rate, List<Object> filterValues) {
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
