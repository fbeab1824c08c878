package io.meshkit.snapshotingest.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How to run a snapshot.
 *
 * @param date the snapshot date
 * @param threads worker connections reading chunks in parallel
 * @param chunkRows rows per chunk to aim for
 * @param lockWaitTimeout how long to wait for the read lock that synchronises the workers
 * @param onLockTimeout what to do when the lock cannot be had in time
 * @param allowAdditive whether columns added in MySQL (not in the contract) are tolerated (landed, not staged)
 * @param sourceZone the time zone of the source's {@code DATETIME} values, converted to UTC
 * @param force whether to land a complete snapshot again instead of reusing it
 * @param allowBreaking whether the staging table may follow breaking changes of the columns (a column removed: kept,
 *     NULL from this date; narrowed: keeps its type; another type: earlier dates converted)
 */
public record SnapshotOptions(LocalDate date, int threads, long chunkRows, Duration lockWaitTimeout, LockFallback onLockTimeout,
        boolean allowAdditive, ZoneId sourceZone, boolean force, boolean allowBreaking) {
    /** Options that refuse breaking changes of the staging table. */
    public SnapshotOptions(LocalDate date, int threads, long chunkRows, Duration lockWaitTimeout, LockFallback onLockTimeout,
            boolean allowAdditive, ZoneId sourceZone, boolean force) {
        this(date, threads, chunkRows, lockWaitTimeout, onLockTimeout, allowAdditive, sourceZone, force, false);
    }

    /** Validates. */
    public SnapshotOptions {
        requireNonNull(date, "date is null");
        requireNonNull(lockWaitTimeout, "lockWaitTimeout is null");
        requireNonNull(onLockTimeout, "onLockTimeout is null");
        requireNonNull(sourceZone, "sourceZone is null");
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1..64");
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive");
        }
    }
}
