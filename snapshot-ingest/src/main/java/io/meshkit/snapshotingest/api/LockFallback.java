package io.meshkit.snapshotingest.api;

/** What a snapshot does when the short read lock that synchronises its workers cannot be had in time. */
public enum LockFallback {
    /** Fail the run cleanly (exit 3); nothing is read. */
    FAIL,
    /**
     * Read every chunk on one connection in one consistent-snapshot transaction: still one point in time,
     * without parallelism, and with the binary log position only where the server reports it for a
     * transaction (MariaDB's {@code binlog_snapshot_file}/{@code binlog_snapshot_position}).
     */
    SINGLE
}
