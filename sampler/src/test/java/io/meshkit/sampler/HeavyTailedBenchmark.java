package io.meshkit.sampler;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.internal.Recommender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's statistical part (run by {@link SamplerBenchmark}): coverage of the 95% intervals
 * over many independent samples of heavy-tailed data ({@link HeavyTailedWindows}) at 0.1%, 1% and
 * 10%, and whether {@code recommend}'s rate keeps the requested error, repeated over 400 windows.
 */
final class HeavyTailedBenchmark {
    static final double MU = -0.2;
    static final double SIGMA = 1.42;
    static final long SEED = 20261207;
    static final List<String> TOTALS = List.of("lessons", "users", "xp");
    static final List<String> MEANS = List.of("xp_per_lesson");
    static final List<String> RATIOS = List.of("lessons_per_user", "xp_per_user");

    private HeavyTailedBenchmark() {}

    /** The Markdown section. */
    static String report(Warehouse w, int reps, int recommendReps) {
        StringBuilder b = new StringBuilder();
        long t0 = System.nanoTime();
        b.append(String.format(Locale.ROOT, "### Coverage on heavy-tailed data%n%n"
                + "%,d independent samples per rate (disjoint windows of the hash over populations of users with lognormal lessons,"
                + " mu %.2f, sigma %.2f; about 1,100 sampled users each), 95%% intervals of %d metrics; a sample counts where it holds at least 1,000 users.%n%n",
                reps, MU, SIGMA, HeavyTailedWindows.METRICS.size()));
        b.append("| sampling rate | samples (>= 1,000 users) | lessons per user CV | totals (lessons, users, xp) | mean (xp per lesson) | per-user ratios (lessons, xp per user) | truth above / below the interval | flagged unreliable |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Rate rate : List.of(new Rate(0.001), new Rate(0.01), new Rate(0.1))) {
            HeavyTailedWindows data = new HeavyTailedWindows(w, "covbench", rate, reps, 1_100, MU, SIGMA, SEED);
            HeavyTailedWindows.Coverage c = data.coverage(1_000);
            int above = 0;
            int below = 0;
            for (int[] v : c.perMetric().values()) {
                above += v[2];
                below += v[3];
            }
            b.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %s | %s | %s | %.1f%% / %.1f%% | %.0f%% |%n", rate,
                    c.perMetric().get("lessons")[1], data.lessonsCv(), cover(c, TOTALS), cover(c, MEANS), cover(c, RATIOS),
                    100.0 * above / c.numbers(), 100.0 * below / c.numbers(), 100.0 * c.unreliable() / c.numbers()));
        }
        b.append(String.format(Locale.ROOT, "%nPer metric the coverage is the share of samples whose interval holds the population's value;"
                + " a column of several metrics gives the lowest and highest of them.%n%n"));

        // recommend, repeated: windows at 10% of populations of 110,000 users; the pilot is each window's first 1%
        Rate window = new Rate(0.1);
        HeavyTailedWindows data = new HeavyTailedWindows(w, "recbench", window, recommendReps, 11_000, MU, SIGMA, SEED + 1);
        SampledResult pilot = data.sample(new Rate(0.01));
        Map<Rate, Map<Long, GroupResult>> at = new LinkedHashMap<>();
        for (Rate r : List.of(new Rate(0.001), new Rate(0.01), window)) {
            Map<Long, GroupResult> byRep = new LinkedHashMap<>();
            data.sample(r).groups().forEach(g -> byRep.put(((Number) g.dimensions().get(0)).longValue(), g));
            at.put(r, byRep);
        }
        b.append(String.format(Locale.ROOT, "### Recommendations kept%n%n"
                + "`recommend` repeated over %,d windows (10%% of a population of 110,000 users each): a pilot at 1%% (about 1,100 users) plans"
                + " the rate of the ladder 0.1/1/10/100%% for a target on the largest relative half-width of the %d metrics; then that rate's"
                + " real half-width is measured in the same window. *Kept*: the real half-width is within the target (100%% always is).%n%n",
                pilot.groups().size(), HeavyTailedWindows.METRICS.size()));
        b.append("| max error | planned from | rates chosen (0.1% / 1% / 10% / 100%) | recommendation kept |\n");
        b.append("|---:|---|---:|---:|\n");
        for (double target : new double[] {0.05, 0.1, 0.2}) {
            for (boolean bound : new boolean[] {true, false}) {
                int[] chosen = new int[4];
                int kept = 0;
                for (GroupResult g : pilot.groups()) {
                    long rep = ((Number) g.dimensions().get(0)).longValue();
                    SampledResult one = new SampledResult(pilot.query(), pilot.rate(), List.of(g), pilot.cost());
                    int i = 0;
                    Rate rate = Rate.FULL;
                    for (Rate r : List.of(new Rate(0.001), new Rate(0.01), window)) {
                        Recommender.Worst worst = Recommender.worst(one, r);
                        if ((bound ? worst.bound() : worst.point()) <= target) {
                            rate = r;
                            break;
                        }
                        i++;
                    }
                    chosen[i]++;
                    if (rate.isFull()) {
                        kept++;
                        continue;
                    }
                    GroupResult real = at.get(rate).get(rep);
                    double worstReal = real == null ? Double.POSITIVE_INFINITY
                            : real.estimates().stream().mapToDouble(Estimate::relativeError).max().orElse(0);
                    kept += worstReal <= target ? 1 : 0;
                }
                b.append(String.format(Locale.ROOT, "| %s | %s | %d / %d / %d / %d | %.1f%% |%n", pct(target),
                        bound ? "upper bound of the pilot's SE (meshkit)" : "the pilot's SE itself (before)", chosen[0], chosen[1], chosen[2], chosen[3],
                        100.0 * kept / pilot.groups().size()));
            }
        }
        b.append(String.format(Locale.ROOT, "%nGenerated and measured in %.1f s.%n", (System.nanoTime() - t0) / 1e9));
        return b.toString();
    }

    private static String cover(HeavyTailedWindows.Coverage c, List<String> metrics) {
        double lo = 1;
        double hi = 0;
        for (String m : metrics) {
            lo = Math.min(lo, c.of(m));
            hi = Math.max(hi, c.of(m));
        }
        return lo == hi ? pct1(lo) : pct1(lo) + " - " + pct1(hi);
    }

    private static String pct1(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    /** Runs the section alone: {@code REPS RECOMMEND_REPS}. */
    public static void main(String[] args) {
        try (Warehouse w = io.meshkit.core.warehouse.Warehouses.open("duckdb::memory:", Map.of("memory_limit", "4GB", "threads", "2"))) {
            System.out.println(report(w, Integer.parseInt(args[0]), Integer.parseInt(args[1])));
        }
    }
}
