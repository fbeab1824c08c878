package io.meshkit.monitor.internal;

import io.meshkit.core.runlog.DatasetActivity;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.monitor.api.DatasetStatus;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.api.Snooze;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** Turns what the run log and the contract say about one dataset into its status at a time. Pure. */
final class Evaluator {
    private final MonitorSettings settings;

    Evaluator(MonitorSettings settings) {
        this.settings = settings;
    }

    /**
     * @param dataset the dataset
     * @param activity what the run log knows, if anything
     * @param expectation what its contract promises, if it has one
     * @param probed the newest value of the freshness column, when freshness queries read one
     * @param snooze its snooze, if any
     */
    DatasetStatus evaluate(String dataset, Optional<DatasetActivity> activity, Optional<Expectation> expectation, Optional<Instant> probed,
            Optional<Snooze> snooze, Instant now) {
        Optional<RunRecord> finished = activity.flatMap(DatasetActivity::latestFinishedRun);
        Optional<RunRecord> success = activity.flatMap(DatasetActivity::latestSuccessfulRun);
        boolean failing = finished.map(r -> r.status() == RunStatus.FAILED).orElse(false);
        Optional<Instant> lastUpdate = activity.flatMap(DatasetActivity::latestPublication).map(Publication::publishedAt)
                .or(() -> probed)
                .or(() -> success.map(r -> r.endedAt().orElse(r.startedAt())));
        Optional<Duration> freshness = expectation.flatMap(Expectation::freshness).or(settings::defaultFreshness);
        Optional<Duration> lag = lastUpdate.map(u -> Duration.between(u, now));
        boolean late = freshness.isPresent() && (lag.isEmpty() || lag.get().compareTo(freshness.get()) > 0);
        OptionalDouble median = activity.map(DatasetActivity::recentMedianRows).orElse(OptionalDouble.empty());
        boolean rowWarning = false;
        if (success.isPresent() && success.get().rows().isPresent() && median.isPresent()) {
            double m = median.getAsDouble();
            long rows = success.get().rows().getAsLong();
            rowWarning = m == 0 ? rows > 0 : Math.abs(rows - m) / m > settings.rowChangeThreshold();
        }
        Optional<Instant> snoozedUntil = snooze.filter(z -> z.activeAt(now)).map(Snooze::until);
        return new DatasetStatus(dataset, expectation.flatMap(Expectation::team), failing, late, lastUpdate, freshness, lag, finished,
                success, activity.map(DatasetActivity::runCount).orElse(0L), median, rowWarning, snoozedUntil);
    }
}
