package io.meshkit.monitor.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code monitor:} section of {@code meshkit.yaml}.
 *
 * @param contracts the contract file or directory (SLAs and owner teams); default {@code contracts/} if it exists
 * @param defaultFreshness the freshness SLA of datasets whose contract gives none (or that have no contract)
 * @param reminder repeat the alert of a persisting failing or late state after this long; empty for never
 * @param rowChangeThreshold warn when a run's row count differs from the recent median by more than this share
 * @param recentRuns how many successful runs before the newest one the median is taken over
 * @param lookback only successful runs started this long before the check count towards the median
 * @param freshnessQueries for contract datasets without publications, read the newest value of the
 *     freshness SLA's element column (e.g. {@code plays.played_at}) from the production table, in one query
 * @param sinks where alerts go
 * @param retry how a failing sink is retried within one check
 */
public record MonitorSettings(Optional<Path> contracts, Optional<Duration> defaultFreshness, Optional<Duration> reminder,
        double rowChangeThreshold, int recentRuns, Duration lookback, boolean freshnessQueries, List<SinkSpec> sinks, RetryPolicy retry) {
    /** Validates and copies. */
    public MonitorSettings {
        requireNonNull(contracts, "contracts is null");
        requireNonNull(defaultFreshness, "defaultFreshness is null");
        requireNonNull(reminder, "reminder is null");
        requireNonNull(lookback, "lookback is null");
        requireNonNull(retry, "retry is null");
        sinks = List.copyOf(sinks);
        if (!(rowChangeThreshold > 0)) {
            throw invalid("rowChangeThreshold must be positive, got " + rowChangeThreshold);
        }
        if (recentRuns < 1) {
            throw invalid("recentRuns must be at least 1, got " + recentRuns);
        }
    }

    /** An illegal setting: {@link ErrorCode#INVALID_ARGUMENT}, exit 2 in a CLI, the same for a caller in Java. */
    private static MeshkitException invalid(String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use the monitor settings: " + reason);
    }

    /** The defaults: reminders after 24h, warnings beyond 50% of the median of 10 runs within 35 days, no sinks. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(Optional.empty(), Optional.empty(), Optional.of(Duration.ofHours(24)), 0.5, 10, Duration.ofDays(35),
                false, List.of(), RetryPolicy.defaults());
    }

    /** These settings with other sinks. */
    public MonitorSettings withSinks(List<SinkSpec> newSinks) {
        return new MonitorSettings(contracts, defaultFreshness, reminder, rowChangeThreshold, recentRuns, lookback, freshnessQueries,
                newSinks, retry);
    }

    /** These settings with another contract path. */
    public MonitorSettings withContracts(Optional<Path> newContracts) {
        return new MonitorSettings(newContracts, defaultFreshness, reminder, rowChangeThreshold, recentRuns, lookback, freshnessQueries,
                sinks, retry);
    }

    /** These settings with another retry policy. */
    public MonitorSettings withRetry(RetryPolicy newRetry) {
        return new MonitorSettings(contracts, defaultFreshness, reminder, rowChangeThreshold, recentRuns, lookback, freshnessQueries,
                sinks, newRetry);
    }

    /** These settings with another reminder interval. */
    public MonitorSettings withReminder(Optional<Duration> newReminder) {
        return new MonitorSettings(contracts, defaultFreshness, newReminder, rowChangeThreshold, recentRuns, lookback, freshnessQueries,
                sinks, retry);
    }

    /** These settings with another default freshness. */
    public MonitorSettings withDefaultFreshness(Optional<Duration> newDefault) {
        return new MonitorSettings(contracts, newDefault, reminder, rowChangeThreshold, recentRuns, lookback, freshnessQueries, sinks,
                retry);
    }

    /** These settings with freshness queries on or off. */
    public MonitorSettings withFreshnessQueries(boolean on) {
        return new MonitorSettings(contracts, defaultFreshness, reminder, rowChangeThreshold, recentRuns, lookback, on, sinks, retry);
    }

    /** The kinds of sink. */
    public enum SinkType {
        /** A Slack incoming webhook: readable message blocks. */
        SLACK,
        /** A generic webhook: the alert as a JSON object. */
        WEBHOOK,
        /** One line per alert on standard output. */
        STDOUT,
        /** One JSON object per line, appended to a file. */
        JSONL
    }

    /**
     * One sink.
     *
     * @param name its name, used in output and in the outbox
     * @param type its kind
     * @param urlEnv for webhooks: the environment variable holding the URL (a secret, never in the file)
     * @param path for {@code jsonl}: the file
     * @param teams owner teams routed here; empty for every alert
     */
    public record SinkSpec(String name, SinkType type, Optional<String> urlEnv, Optional<Path> path, Set<String> teams) {
        /** Validates and copies. */
        public SinkSpec {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(urlEnv, "urlEnv is null");
            requireNonNull(path, "path is null");
            teams = Set.copyOf(teams);
        }
    }

    /**
     * Retries of a failing sink within one check: {@code attempts} tries, waiting {@code initialBackoff}
     * and doubling up to {@code maxBackoff} between them.
     *
     * @param attempts tries per delivery per check, at least 1
     * @param initialBackoff the first wait
     * @param maxBackoff the longest wait
     * @param timeout how long one HTTP request may take
     */
    public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {
        /** Validates. */
        public RetryPolicy {
            if (attempts < 1) {
                throw invalid("retry.attempts must be at least 1, got " + attempts);
            }
            requireNonNull(initialBackoff, "initialBackoff is null");
            requireNonNull(maxBackoff, "maxBackoff is null");
            requireNonNull(timeout, "timeout is null");
        }

        /** 3 attempts, 1 s then 2 s, 10 s per request. */
        public static RetryPolicy defaults() {
            return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        }

        /** The wait before attempt {@code n + 1} after {@code n} failures. */
        public Duration backoff(int failures) {
            Duration d = initialBackoff;
            for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
        }
    }
}
