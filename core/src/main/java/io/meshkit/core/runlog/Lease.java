package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Exclusive work on a dataset, held until released or until it expires (so a crashed process does
 * not block the dataset for ever).
 *
 * @param dataset the dataset
 * @param leaseId unique id of this lease
 * @param holder who holds it, e.g. {@code publish by alice@ci-runner-7 (pid 4242)}
 * @param acquiredAt when it was taken
 * @param expiresAt when it lapses if not released
 */
public record Lease(String dataset, String leaseId, String holder, Instant acquiredAt, Instant expiresAt) {
    /** Validates the fields. */
    public Lease {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(leaseId, "leaseId is null");
        requireNonNull(holder, "holder is null");
        requireNonNull(acquiredAt, "acquiredAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }
}
