package io.meshkit.monitor.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One alert about one dataset. Its id is derived from what it reports (the dataset, the kind and
 * the run or update it is about), so the same change evaluated twice gives the same id and is
 * delivered once.
 *
 * @param id stable id, a name-based UUID
 * @param kind why it fired
 * @param dataset the dataset, e.g. {@code music.plays}
 * @param team the owner team from the contract, if known
 * @param firedAt when the check that raised it ran
 * @param runId the run it is about (failed, recovered, row count), if any
 * @param error the run's one-line error (failed), if any
 * @param lastUpdate when the dataset was last updated, if ever
 * @param freshness the freshness SLA, if any
 * @param lateBy how much older than the SLA the newest data is, if late
 * @param failing whether the dataset is failing after this check
 * @param late whether the dataset is late after this check
 * @param rows the run's row count (row-count warning)
 * @param medianRows the median row count of recent runs (row-count warning)
 */
public record Alert(String id, AlertKind kind, String dataset, Optional<String> team, Instant firedAt, Optional<String> runId,
        Optional<String> error, Optional<Instant> lastUpdate, Optional<Duration> freshness, Optional<Duration> lateBy, boolean failing,
        boolean late, OptionalLong rows, OptionalDouble medianRows) {
    /** Validates the fields. */
    public Alert {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(team, "team is null");
        requireNonNull(firedAt, "firedAt is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(error, "error is null");
        requireNonNull(lastUpdate, "lastUpdate is null");
        requireNonNull(freshness, "freshness is null");
        requireNonNull(lateBy, "lateBy is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(medianRows, "medianRows is null");
    }

    /** The stable id of the alert a {@code key} (kind, dataset and subject) identifies. */
    public static String idOf(AlertKind kind, String dataset, String subject) {
        String key = kind.label() + "\n" + dataset + "\n" + subject;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * An instant for people, in whole seconds as {@code status} shows it ({@code never} when absent); the
     * JSON and the alert id keep the exact instant.
     */
    public static String seconds(Optional<Instant> instant) {
        return instant.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("never");
    }

    /** The one-line summary, e.g. {@code music.plays failed: run 42 failed: Cannot connect ... (team music-listening)}. */
    public String text() {
        String what = switch (kind) {
            case FAILED -> "failed: run " + runId.orElse("?") + error.map(e -> ": " + e).orElse("");
            case RECOVERED -> "recovered: run " + runId.orElse("?") + " succeeded";
            case LATE -> "is late: last update " + seconds(lastUpdate)
                    + freshness.map(f -> ", SLA " + Durations.format(f)).orElse("")
                    + lateBy.map(l -> ", " + Durations.format(l) + " late").orElse("");
            case CAUGHT_UP -> "caught up: last update " + seconds(lastUpdate)
                    + freshness.map(f -> ", SLA " + Durations.format(f)).orElse("");
            case REMINDER -> "is still " + (failing && late ? "failing and late" : failing ? "failing" : "late")
                    + (failing ? error.map(e -> ": " + e).orElse("") : "")
                    + (late ? lateBy.map(l -> " (" + Durations.format(l) + " late)").orElse("") : "");
            case ROW_COUNT -> "row count warning: run " + runId.orElse("?") + " wrote " + (rows.isPresent() ? rows.getAsLong() : 0)
                    + " rows, median of recent runs " + (medianRows.isPresent() ? Math.round(medianRows.getAsDouble()) : 0);
        };
        return dataset + " " + what + team.map(t -> " (team " + t + ")").orElse("");
    }
}
