package io.meshkit.monitor.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.runlog.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where one dataset stands at a check.
 *
 * @param dataset the dataset, e.g. {@code music.plays}
 * @param team the owner team from the contract, if known
 * @param failing the latest finished run failed
 * @param late the newest data is older than the freshness SLA allows (or there is none at all)
 * @param lastUpdate the newest publication, else the end of the newest successful run, else the
 *     newest value of the SLA's element column when freshness queries are on
 * @param freshness the freshness SLA, if the contract (or the monitor's default) gives one
 * @param lag how old the newest data is at the check
 * @param latestFinishedRun the newest run that succeeded or failed
 * @param latestSuccessfulRun the newest run that succeeded (rows and duration for metrics)
 * @param runCount how many runs the dataset has
 * @param recentMedianRows median row count of the successful runs of the same tool before the newest one
 * @param rowWarning the newest successful run's row count moved more than the configured share from that median
 * @param snoozedUntil alerts are held back until then, if snoozed
 */
public record DatasetStatus(String dataset, Optional<String> team, boolean failing, boolean late, Optional<Instant> lastUpdate,
        Optional<Duration> freshness, Optional<Duration> lag, Optional<RunRecord> latestFinishedRun,
        Optional<RunRecord> latestSuccessfulRun, long runCount, OptionalDouble recentMedianRows, boolean rowWarning,
        Optional<Instant> snoozedUntil) {
    /** Validates the fields. */
    public DatasetStatus {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(team, "team is null");
        requireNonNull(lastUpdate, "lastUpdate is null");
        requireNonNull(freshness, "freshness is null");
        requireNonNull(lag, "lag is null");
        requireNonNull(latestFinishedRun, "latestFinishedRun is null");
        requireNonNull(latestSuccessfulRun, "latestSuccessfulRun is null");
        requireNonNull(recentMedianRows, "recentMedianRows is null");
        requireNonNull(snoozedUntil, "snoozedUntil is null");
    }

    /**
     * {@code ok}, {@code failing}, {@code late}, {@code failing+late}, or {@code unpublished}: never
     * updated, and with no freshness SLA it could be late against.
     */
    public String state() {
        return failing && late ? "failing+late" : failing ? "failing" : late ? "late" : unpublished() ? "unpublished" : "ok";
    }

    /** Neither failing nor late, and updated at least once. */
    public boolean ok() {
        return !failing && !late && lastUpdate.isPresent();
    }

    /**
     * Never updated (no publication, no successful run, no data) and neither failing nor late: a
     * dataset without a freshness SLA is not late for having no data, but it is not {@code ok} either.
     */
    public boolean unpublished() {
        return !failing && !late && lastUpdate.isEmpty();
    }

    /** How much older than the SLA allows the newest data is, when late and there is data. */
    public Optional<Duration> lateBy() {
        if (!late || lag.isEmpty() || freshness.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lag.get().minus(freshness.get()));
    }
}
