package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Exclusive work on a dataset, held until released or until it expires (so a crashed process does
 * not block the dataset for ever).
 *
 * @param dataset the dataset
 * @param leaseId unique id of this lease
 * @param holder who holds it, e.g. {@code publish by alice@ci-runner-7 (pid 4242)}
 * @param acquiredAt when it was taken
 * @param expiresAt when it lapses if not released
 * @param process the holder's process (host, pid, start time), when recorded
 * @param tookOver what taking it over ended, e.g. {@code took over the lease of publish by bob (pid 4242 on
 *        HOST): its process is gone}; empty when the dataset was free
 */
public record Lease(String dataset, String leaseId, String holder, Instant acquiredAt, Instant expiresAt,
        Optional<HolderProcess> process, Optional<String> tookOver) {
    /** Validates the fields. */
    public Lease {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(leaseId, "leaseId is null");
        requireNonNull(holder, "holder is null");
        requireNonNull(acquiredAt, "acquiredAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(process, "process is null");
        requireNonNull(tookOver, "tookOver is null");
    }

    /** A lease without a recorded process. */
    public Lease(String dataset, String leaseId, String holder, Instant acquiredAt, Instant expiresAt) {
        this(dataset, leaseId, holder, acquiredAt, expiresAt, Optional.empty(), Optional.empty());
    }
}
