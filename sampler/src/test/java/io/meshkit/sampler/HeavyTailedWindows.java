package io.meshkit.sampler;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.internal.MetricEstimator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Many independent samples of heavy-tailed data in one statement, for measuring coverage.
 *
 * <p>A population of users gets a uniform number {@code u} each (a hash) and a lognormal number of
 * lessons (coefficient of variation above 2), each lesson an XP of its own. At rate {@code r} the
 * users with {@code u} in {@code [w r, (w + 1) r)} form window {@code w}: each window holds every user
 * independently with probability r, exactly as the sampler's {@code sampling_value < r} does, and the
 * windows are disjoint. The lessons table holds only the windows' rows, each with
 * {@code sampling_value = u - w r} and {@code rep} = the window's number across populations, so one
 * sampler query grouped by {@code rep} at rate r computes every window's estimates with the
 * sampler's own statement; the truth of each window is its population's total, computed from the
 * population table at user level. Deterministic: every random number is a hash of the user and the seed.
 */
final class HeavyTailedWindows {
    static final ColumnName USER = ColumnName.of("user_id");
    static final ColumnName REP = ColumnName.of("rep");

    /** The metrics measured: totals, a mean and per-user ratios. */
    static final List<Metric> METRICS = List.of(Metric.parse("lessons=count"), Metric.parse("users=users"), Metric.parse("xp=sum(xp)"),
            Metric.parse("xp_per_lesson=mean(xp)"), Metric.parse("lessons_per_user=count/users"), Metric.parse("xp_per_user=sum(xp)/users"));

    private final Warehouse w;
    private final TableId lessons;
    private final TableId population;
    private final Rate rate;
    private final int reps;

    /**
     * Generates the tables.
     *
     * @param usersPerSample the expected sampled users of a window; a population has {@code usersPerSample / r} users
     * @param mu, sigma the lognormal's parameters: lessons = 1 + floor(exp(mu + sigma Z))
     */
    HeavyTailedWindows(Warehouse w, String namespace, Rate rate, int reps, long usersPerSample, double mu, double sigma, long seed) {
        this.w = w;
        this.rate = rate;
        this.reps = reps;
        String tag = "r" + Math.round(rate.fraction() * 100000);
        this.lessons = TableId.of(namespace, "lessons_" + tag);
        this.population = TableId.of(namespace, "population_" + tag);
        w.createNamespace(lessons.namespace());
        double r = rate.fraction();
        long perPopulation = (long) Math.floor(1 / r + 1e-9);
        long populations = (reps + perPopulation - 1) / perPopulation;
        long users = Math.round(usersPerSample / r);
        String pop = w.dialect().quote(population);
        w.execute(Sql.of("CREATE OR REPLACE TABLE " + pop + " AS SELECT p, user_id, u, n, base,"
                + " n * base + 10 * (n // 5) + (n % 5) * ((n % 5) - 1) // 2 AS xp_total FROM ("
                + " SELECT p, user_id, u, base, CAST(1 + floor(exp(" + mu + " + " + sigma + " * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2))) AS BIGINT) AS n FROM ("
                + "  SELECT p.range AS p, p.range * 1000000000 + i.range AS user_id,"
                // four independent hashes of a user, each the top 53 bits of DuckDB's hash of (4 id + j, seed)
                + "   ((hash(4 * (p.range * 1000000000 + i.range) + 1, " + seed + ") >> 11)) / 9007199254740992.0 AS u,"
                + "   ((hash(4 * (p.range * 1000000000 + i.range) + 2, " + seed + ") >> 11) + 0.5) / 9007199254740992.0 AS u1,"
                + "   ((hash(4 * (p.range * 1000000000 + i.range) + 3, " + seed + ") >> 11) + 0.5) / 9007199254740992.0 AS u2,"
                + "   CAST(10 + hash(4 * (p.range * 1000000000 + i.range), " + seed + ") % 21 AS BIGINT) AS base"
                + "  FROM range(" + populations + ") p, range(" + users + ") i))"));
        // lesson k of a user earns base + k % 5 XP; xp_total above is their sum
        w.execute(Sql.of("CREATE OR REPLACE TABLE " + w.dialect().quote(lessons) + " AS SELECT rep, user_id,"
                + " least(greatest(u - wn * " + r + ", 0), " + r + " * 0.999999) AS sampling_value, CAST(base + k % 5 AS INTEGER) AS xp FROM ("
                + "  SELECT p * " + perPopulation + " + CAST(floor(u / " + r + ") AS BIGINT) AS rep, floor(u / " + r + ") AS wn, user_id, u, base, unnest(range(n)) AS k"
                + "  FROM " + pop + " WHERE floor(u / " + r + ") < " + perPopulation + ") WHERE rep < " + reps));
    }

    /** The coefficient of variation of lessons per user in the populations. */
    double lessonsCv() {
        try (ResultRows rows = w.query(Sql.of("SELECT stddev_pop(n) / avg(n) FROM " + w.dialect().quote(population)))) {
            return ((Number) rows.iterator().next().get(0)).doubleValue();
        }
    }

    /** Each population's true metrics, by rep. */
    private Map<Long, Map<String, Double>> truth() {
        long perPopulation = (long) Math.floor(1 / rate.fraction() + 1e-9);
        Map<Long, Map<String, Double>> byPopulation = new HashMap<>();
        try (ResultRows rows = w.query(Sql.of("SELECT p, CAST(sum(n) AS DOUBLE), CAST(count(*) AS DOUBLE), CAST(sum(xp_total) AS DOUBLE) FROM "
                + w.dialect().quote(population) + " GROUP BY p"))) {
            for (Row row : rows) {
                double lessonsTotal = ((Number) row.get(1)).doubleValue();
                double usersTotal = ((Number) row.get(2)).doubleValue();
                double xp = ((Number) row.get(3)).doubleValue();
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("lessons", lessonsTotal);
                m.put("users", usersTotal);
                m.put("xp", xp);
                m.put("xp_per_lesson", xp / lessonsTotal);
                m.put("lessons_per_user", lessonsTotal / usersTotal);
                m.put("xp_per_user", xp / usersTotal);
                byPopulation.put(((Number) row.get(0)).longValue(), m);
            }
        }
        Map<Long, Map<String, Double>> byRep = new HashMap<>();
        for (long rep = 0; rep < reps; rep++) {
            byRep.put(rep, byPopulation.get(rep / perPopulation));
        }
        return byRep;
    }

    /** The sampler's query over every window. */
    SampledResult sample() {
        return sample(rate);
    }

    /** The sampler's query over every window at a rate at most the windows' (a sub-sample of each window). */
    SampledResult sample(Rate at) {
        return new MetricEstimator(w).run(new MetricQuery(lessons, USER, METRICS, List.of(REP), List.of()), at);
    }

    /** Coverage per metric over the windows with at least {@code minUsers} sampled users. */
    Coverage coverage(long minUsers) {
        SampledResult result = sample();
        Map<Long, Map<String, Double>> truth = truth();
        Map<String, int[]> perMetric = new LinkedHashMap<>();
        METRICS.forEach(m -> perMetric.put(m.name(), new int[4]));
        long minSeen = Long.MAX_VALUE;
        int unreliable = 0;
        int numbers = 0;
        for (GroupResult g : result.groups()) {
            long rep = ((Number) g.dimensions().get(0)).longValue();
            long users = g.estimate("users").users();
            minSeen = Math.min(minSeen, users);
            if (users < minUsers) {
                continue;
            }
            for (Estimate e : g.estimates()) {
                int[] c = perMetric.get(e.metric());
                double t = truth.get(rep).get(e.metric());
                c[0] += e.covers(t) ? 1 : 0;
                c[1]++;
                c[2] += t > e.upper() ? 1 : 0;
                c[3] += t < e.lower() ? 1 : 0;
                numbers++;
                unreliable += e.unreliable() ? 1 : 0;
            }
        }
        return new Coverage(rate, result.groups().size(), minSeen, perMetric, unreliable, numbers);
    }

    /**
     * Coverage at one rate.
     *
     * @param windows windows the sample saw
     * @param minUsers the fewest sampled users of a window
     * @param perMetric per metric {covered, counted, truth above the interval, truth below}
     * @param unreliable numbers flagged as unreliable
     * @param numbers numbers counted
     */
    record Coverage(Rate rate, int windows, long minUsers, Map<String, int[]> perMetric, int unreliable, int numbers) {
        double of(String metric) {
            int[] c = perMetric.get(metric);
            return c[1] == 0 ? Double.NaN : (double) c[0] / c[1];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: %d windows, at least %d users;", rate, windows, minUsers));
            perMetric.forEach((m, c) -> b.append(String.format(Locale.ROOT, "\n  %s %.1f%% of %d (truth above the interval %d, below %d)", m,
                    100.0 * c[0] / c[1], c[1], c[2], c[3])));
            return b.append(String.format(Locale.ROOT, "; %d of %d numbers flagged", unreliable, numbers)).toString();
        }
    }
}
