package io.meshkit.monitor.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Alerts of a dataset held back until a time. The state is still evaluated; what changed during the
 * snooze is alerted when it ends.
 *
 * @param dataset the dataset
 * @param until alerts resume at this time
 * @param createdAt when the snooze was set
 * @param reason why, if given
 */
public record Snooze(String dataset, Instant until, Instant createdAt, Optional<String> reason) {
    /** Validates the fields. */
    public Snooze {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(until, "until is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(reason, "reason is null");
    }

    /** Whether alerts are held back at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
