package io.meshkit.monitor.internal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What the owners of a dataset have been told: the state last alerted, when, and the last run
 * warned about. Alerts fire when the evaluated state differs from this one, so a state that
 * persists is alerted once (and reminded), and what changed during a snooze is alerted when it ends.
 *
 * @param dataset the dataset
 * @param failing told it is failing
 * @param late told it is late
 * @param lastAlertAt when the last failed/late/reminder alert was raised (reminders count from it)
 * @param warnedRunId the last run a row-count warning was raised for
 */
record NotifiedState(String dataset, boolean failing, boolean late, Optional<Instant> lastAlertAt, Optional<String> warnedRunId) {
    NotifiedState {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(lastAlertAt, "lastAlertAt is null");
        requireNonNull(warnedRunId, "warnedRunId is null");
    }

    /** Nothing told yet: a dataset starts as ok. */
    static NotifiedState initial(String dataset) {
        return new NotifiedState(dataset, false, false, Optional.empty(), Optional.empty());
    }

    /** Whether this is the initial state (then no row is stored for it). */
    boolean isInitial() {
        return equals(initial(dataset));
    }
}
