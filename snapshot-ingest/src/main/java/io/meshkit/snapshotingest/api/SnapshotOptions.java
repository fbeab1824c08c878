package io.meshkit.snapshotingest.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How to run a snapshot.
 *
 * @param date the snapshot date: not later than today (a live snapshot holds the rows as they are now), where today is
 *     the date in the earliest time zone ({@link #LATEST_ZONE}), so a runner in UTC may label the day that has begun
 *     further east, and no date that has not begun anywhere is accepted
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

    /** The fewest rows per chunk: smaller chunks cost more in round trips and part files than they save. */
    public static final long MIN_CHUNK_ROWS = 1_000;
    /** The zone whose date is the latest on Earth: a snapshot date after its today has not begun anywhere. */
    public static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);
    /** The most worker connections a snapshot opens. */
    public static final int MAX_THREADS = 64;

    /**
     * Validates: the rules that make a snapshot legal live here, for the CLI and every API caller alike, and a
     * broken one is a {@link MeshkitException} with {@link ErrorCode#INVALID_ARGUMENT} (exit 2), whose message names
     * the CLI option of the field.
     */
    public SnapshotOptions {
        if (date == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot: give --date YYYY-MM-DD (or --date today for "
                    + LocalDate.now(ZoneOffset.UTC) + " in UTC): the date labels the snapshot and is never guessed");
        }
        if (date.isAfter(LocalDate.now(LATEST_ZONE))) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot with --date " + date + ": a live snapshot holds today's rows, "
                    + "and today is " + LocalDate.now(ZoneOffset.UTC) + " in UTC, at most " + LocalDate.now(LATEST_ZONE) + " in any time zone");
        }
        requireNonNull(lockWaitTimeout, "lockWaitTimeout is null");
        requireNonNull(onLockTimeout, "onLockTimeout is null");
        requireNonNull(sourceZone, "sourceZone is null");
        if (threads < 1 || threads > MAX_THREADS) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --threads " + threads + ": expected 1 to " + MAX_THREADS);
        }
        if (chunkRows < MIN_CHUNK_ROWS) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --chunk-rows " + chunkRows + ": expected at least "
                    + MIN_CHUNK_ROWS);
        }
        if (lockWaitTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --lock-wait-timeout " + lockWaitTimeout.toSeconds()
                    + ": expected at least 1 second");
        }
    }
}
