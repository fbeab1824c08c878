package io.meshkit.sampler.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.SupportsDryRun;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.Recommendation;
import io.meshkit.sampler.api.Recommendation.Candidate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.api.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Recommends a rate of the ladder from one pilot run. The variance of every estimate shrinks with
 * the rate as {@code (1 - r) / r} (keys enter the sample independently), so a pilot's standard
 * errors at rate {@code p} predict those at {@code r}: {@code SE_r = SE_p · sqrt(p (1 - r) / (r (1 - p)))}.
 * The pilot's own variance estimate is noisy (on heavy-tailed data, mostly too low), so the plan
 * scales the one-sided 95% upper bound of the pilot's standard error
 * ({@link Estimate#standardErrorUpper()}), not the estimate: the recommended rate then keeps the
 * requested error in at least 90% of repetitions (measured by the benchmark).
 * Bytes come from a dry run where the warehouse offers one, else from meshkit's scan estimate; time is
 * the pilot's scaled by the predicted bytes over the pilot's (by the rates where bytes are unknown).
 */
public final class Recommender {
    /** The pilot moves up the ladder until it samples at least this many users. */
    static final long MIN_PILOT_USERS = 1000;

    /** The normal 97.5% quantile: the predicted half-width of a 95% interval in standard errors. */
    static final double Z = 1.959963984540054;

    private final Warehouse warehouse;
    private final MetricEstimator estimator;

    /** A recommender working in a warehouse. */
    public Recommender(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.estimator = new MetricEstimator(warehouse);
    }

    /** Runs the pilot (at {@code pilotRate}, or larger if that reads too little) and recommends a rate. */
    public Recommendation recommend(MetricQuery query, Target target, Rate pilotRate, int subsamples) {
        SampledResult pilot = estimator.run(query, pilotRate);
        Rate p = pilotRate;
        while (!p.isFull() && pilot.sampledUsers() < MIN_PILOT_USERS) {
            p = nextLarger(p);
            pilot = estimator.run(query, p);
        }
        List<Rate> ladder = new ArrayList<>(Rate.LADDER);
        ladder.sort(Comparator.naturalOrder());
        List<Candidate> candidates = new ArrayList<>();
        for (Rate r : ladder) {
            candidates.add(predict(query, pilot, r, target));
        }
        Optional<Candidate> chosen;
        if (target.maxRelativeError().isPresent()) {
            chosen = candidates.stream().filter(Candidate::meetsTarget).findFirst();
        } else {
            chosen = candidates.stream().filter(Candidate::meetsTarget).reduce((a, b) -> b);
        }
        return new Recommendation(chosen.map(Candidate::rate), pilot, candidates, explain(pilot, chosen, candidates, target));
    }

    private static Rate nextLarger(Rate p) {
        return Rate.LADDER.stream().filter(r -> r.fraction() > p.fraction()).min(Comparator.naturalOrder()).orElse(Rate.FULL);
    }

    /**
     * The predicted largest relative half-width at rate {@code r} over every number of the pilot:
     * {@code [from the upper bound, from the estimate]}, and which number it is. A full pilot has no
     * sampling error to scale from: only the full rate is known to be exact.
     */
    public static Worst worst(SampledResult pilot, Rate r) {
        double p = pilot.rate().fraction();
        Worst worst = new Worst(0, 0, "-");
        if (r.isFull()) {
            return worst;
        }
        double scale = pilot.rate().isFull() ? Double.POSITIVE_INFINITY : Math.sqrt(p * (1 - r.fraction()) / (r.fraction() * (1 - p)));
        for (GroupResult g : pilot.groups()) {
            for (Estimate e : g.estimates()) {
                if (Double.isNaN(e.value())) {
                    continue;
                }
                double bound = relative(e.value(), e.standardErrorUpper(), scale);
                double point = relative(e.value(), e.standardError(), scale);
                if (bound > worst.bound() || worst.name().equals("-")) {
                    worst = new Worst(bound, point, e.metric() + (g.dimensions().isEmpty() ? "" : " " + g.dimensions()));
                }
            }
        }
        return worst;
    }

    private static double relative(double value, double se, double scale) {
        double rel = value == 0 ? (se == 0 ? 0 : Double.POSITIVE_INFINITY) : Z * se * scale / Math.abs(value);
        return Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
    }

    /**
     * A rate's predicted largest relative half-width.
     *
     * @param bound from the upper bound of the pilot's standard error (what the plan uses)
     * @param point from the pilot's standard error itself
     * @param name which number, {@code metric [group]}
     */
    public record Worst(double bound, double point, String name) {}

    private Candidate predict(MetricQuery query, SampledResult pilot, Rate r, Target target) {
        double p = pilot.rate().fraction();
        Worst w = worst(pilot, r);
        double worst = w.bound();
        String worstName = w.name();
        long pilotNanos = pilot.cost().elapsed().toNanos();
        OptionalLong bytes = bytes(query, pilot, r);
        OptionalLong pilotBytes = pilot.cost().bytesScanned();
        // time grows with what is read: by the bytes where both are known (row groups are read whole, so
        // 0.1% and 1% may read the same), else by the rate
        double factor = bytes.isPresent() && pilotBytes.isPresent() && pilotBytes.getAsLong() > 0
                ? (double) bytes.getAsLong() / pilotBytes.getAsLong()
                : r.fraction() / p;
        Duration time = Duration.ofNanos(Math.round(pilotNanos * factor));
        boolean meets = target.maxRelativeError().isEmpty() || worst <= target.maxRelativeError().getAsDouble();
        if (target.maxTime().isPresent() && time.compareTo(target.maxTime().get()) > 0) {
            meets = false;
        }
        if (target.maxBytes().isPresent() && (bytes.isEmpty() || bytes.getAsLong() > target.maxBytes().getAsLong())) {
            meets = false; // unknown bytes cannot be shown to fit a bytes budget
        }
        return new Candidate(r, worst, w.point(), worstName, time, bytes, meets);
    }

    private OptionalLong bytes(MetricQuery query, SampledResult pilot, Rate r) {
        if (warehouse instanceof SupportsDryRun dry) {
            boolean bucketed = SampleFilter.bucketed(Columns.of(warehouse, query.table(), "recommend a rate for").info());
            return OptionalLong.of(dry.estimateBytes(MetricEstimator.sql(warehouse.dialect(), query, r,
                    MetricEstimator.measures(query), filterValues(query), bucketed)));
        }
        var info = Columns.of(warehouse, query.table(), "recommend a rate for").info();
        return ScanEstimate.bytes(warehouse, info, MetricEstimator.usedColumns(query), r);
    }

    private List<Object> filterValues(MetricQuery query) {
        Columns columns = Columns.of(warehouse, query.table(), "recommend a rate for");
        return query.filters().stream().map(columns::filterValue).toList();
    }

    private static String explain(SampledResult pilot, Optional<Candidate> chosen, List<Candidate> candidates, Target target) {
        StringBuilder b = new StringBuilder();
        long rows = pilot.groups().stream().mapToLong(GroupResult::sampledRows).sum();
        // a pilot raised to 100% reads the whole table: its numbers are exact and it counts no sampled users
        String read = pilot.rate().isFull() ? String.format(Locale.ROOT, "read all %,d rows of the table", rows)
                : String.format(Locale.ROOT, "read %,d rows of %,d users", rows, pilot.sampledUsers());
        b.append(String.format(Locale.ROOT, "Pilot at %s %s in %d ms; the one-sided 95%% upper bound of each standard error,"
                + " scaled by sqrt((1-r)/r), predicts each rate's error ('from estimate': the standard error itself, without the bound).",
                pilot.rate(), read, pilot.cost().elapsed().toMillis()));
        if (chosen.isEmpty()) {
            b.append(" No rate of the ladder meets the target");
            target.maxRelativeError().ifPresent(e -> b.append(String.format(Locale.ROOT, " (max error %s)", Format.percent(e))));
            b.append(" within the given budget.");
            return b.toString();
        }
        Candidate c = chosen.get();
        if (target.maxRelativeError().isPresent() && c.rate().isFull()) {
            Candidate below = candidates.get(candidates.size() - 2);
            b.append(String.format(Locale.ROOT, " Only 100%% (exact) is within %s: %s is predicted at ±%s (%s; ±%s from the estimate).",
                    Format.percent(target.maxRelativeError().getAsDouble()), below.rate(), Format.percent(below.maxRelativeError()), below.worst(),
                    Format.percent(below.pointRelativeError())));
        } else if (target.maxRelativeError().isPresent()) {
            b.append(String.format(Locale.ROOT, " %s is the smallest rate whose predicted largest half-width, ±%s (%s; ±%s from the estimate), is within %s",
                    c.rate(), Format.percent(c.maxRelativeError()), c.worst(), Format.percent(c.pointRelativeError()),
                    Format.percent(target.maxRelativeError().getAsDouble())));
            b.append(target.maxTime().isPresent() || target.maxBytes().isPresent() ? " and the budget." : ".");
        } else {
            b.append(String.format(Locale.ROOT, " %s is the largest rate within the budget; its predicted largest error is %s (%s).",
                    c.rate(), Format.percent(c.maxRelativeError()), c.worst()));
        }
        Candidate full = candidates.get(candidates.size() - 1);
        if (!c.rate().isFull() && full.time().toNanos() > 0) {
            b.append(String.format(Locale.ROOT, " Predicted %d ms instead of %d ms at 100%%.", c.time().toMillis(), full.time().toMillis()));
        }
        return b.toString();
    }
}
