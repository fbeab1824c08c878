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
 * Bytes come from a dry run where the warehouse offers one, else from meshkit's scan estimate; time is
 * the pilot's scaled by the predicted bytes over the pilot's (by the rates where bytes are unknown).
 */
public final class Recommender {
    /** The pilot moves up the ladder until it reads at least this many rows per sub-range. */
    static final long MIN_ROWS_PER_SUBSAMPLE = 50;

    private final Warehouse warehouse;
    private final MetricEstimator estimator;

    /** A recommender working in a warehouse. */
    public Recommender(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.estimator = new MetricEstimator(warehouse);
    }

    /** Runs the pilot (at {@code pilotRate}, or larger if that reads too little) and recommends a rate. */
    public Recommendation recommend(MetricQuery query, Target target, Rate pilotRate, int subsamples) {
        SampledResult pilot = estimator.run(query, pilotRate, subsamples);
        Rate p = pilotRate;
        while (!p.isFull() && sampledRows(pilot) < MIN_ROWS_PER_SUBSAMPLE * subsamples) {
            p = nextLarger(p);
            pilot = estimator.run(query, p, subsamples);
        }
        double t = StudentT.quantile(0.975, subsamples - 1);
        List<Rate> ladder = new ArrayList<>(Rate.LADDER);
        ladder.sort(Comparator.naturalOrder());
        List<Candidate> candidates = new ArrayList<>();
        for (Rate r : ladder) {
            candidates.add(predict(query, pilot, r, t, target));
        }
        Optional<Candidate> chosen;
        if (target.maxRelativeError().isPresent()) {
            chosen = candidates.stream().filter(Candidate::meetsTarget).findFirst();
        } else {
            chosen = candidates.stream().filter(Candidate::meetsTarget).reduce((a, b) -> b);
        }
        return new Recommendation(chosen.map(Candidate::rate), pilot, candidates, explain(pilot, chosen, candidates, target));
    }

    private static long sampledRows(SampledResult r) {
        return r.groups().stream().mapToLong(GroupResult::sampledRows).sum();
    }

    private static Rate nextLarger(Rate p) {
        return Rate.LADDER.stream().filter(r -> r.fraction() > p.fraction()).min(Comparator.naturalOrder()).orElse(Rate.FULL);
    }

    private Candidate predict(MetricQuery query, SampledResult pilot, Rate r, double t, Target target) {
        double p = pilot.rate().fraction();
        double worst = 0;
        String worstName = "-";
        if (!r.isFull()) {
            // a full pilot has no sampling error to scale from: only the full rate is known to be exact
            double scale = pilot.rate().isFull() ? Double.POSITIVE_INFINITY : Math.sqrt(p * (1 - r.fraction()) / (r.fraction() * (1 - p)));
            for (GroupResult g : pilot.groups()) {
                for (Estimate e : g.estimates()) {
                    if (Double.isNaN(e.value())) {
                        continue;
                    }
                    double rel = e.value() == 0 ? (e.standardError() == 0 ? 0 : Double.POSITIVE_INFINITY)
                            : t * e.standardError() * scale / Math.abs(e.value());
                    if (Double.isNaN(rel)) {
                        rel = Double.POSITIVE_INFINITY;
                    }
                    if (rel > worst || worstName.equals("-")) {
                        worst = rel;
                        worstName = e.metric() + (g.dimensions().isEmpty() ? "" : " " + g.dimensions());
                    }
                }
            }
        }
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
        return new Candidate(r, worst, worstName, time, bytes, meets);
    }

    private OptionalLong bytes(MetricQuery query, SampledResult pilot, Rate r) {
        if (warehouse instanceof SupportsDryRun dry) {
            return OptionalLong.of(dry.estimateBytes(MetricEstimator.sql(warehouse.dialect(), query, r, pilot.subsamples(),
                    MetricEstimator.measures(query), filterValues(query))));
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
        b.append(String.format(Locale.ROOT, "Pilot at %s read %,d rows in %d ms; its standard errors, scaled by sqrt((1-r)/r), predict each rate's error.",
                pilot.rate(), pilot.groups().stream().mapToLong(GroupResult::sampledRows).sum(), pilot.cost().elapsed().toMillis()));
        if (chosen.isEmpty()) {
            b.append(" No rate of the ladder meets the target");
            target.maxRelativeError().ifPresent(e -> b.append(String.format(Locale.ROOT, " (max error %s)", Format.percent(e))));
            b.append(" within the given budget.");
            return b.toString();
        }
        Candidate c = chosen.get();
        if (target.maxRelativeError().isPresent()) {
            b.append(String.format(Locale.ROOT, " %s is the smallest rate whose predicted largest error, %s (%s), is within %s",
                    c.rate(), Format.percent(c.maxRelativeError()), c.worst(), Format.percent(target.maxRelativeError().getAsDouble())));
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
