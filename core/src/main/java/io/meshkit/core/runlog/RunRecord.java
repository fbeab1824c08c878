package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One run of a tool on a dataset.
 *
 * @param runId unique id of the run
 * @param tool the tool, e.g. {@code ingest}, {@code scd}, {@code publish}
 * @param dataset the dataset, e.g. {@code music.tracks}
 * @param startedAt when it started
 * @param endedAt when it ended, if it did
 * @param status where it is
 * @param rows rows written or read, where the tool counts them
 * @param bytes bytes written or read, where the tool counts them
 * @param message the one-line error of a failed run, or a short summary; never row data
 */
public record RunRecord(String runId, String tool, String dataset, Instant startedAt, Optional<Instant> endedAt,
        RunStatus status, OptionalLong rows, OptionalLong bytes, Optional<String> message) {
    /** Validates the fields. */
    public RunRecord {
        requireNonNull(runId, "runId is null");
        requireNonNull(tool, "tool is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(bytes, "bytes is null");
        requireNonNull(message, "message is null");
    }
}
