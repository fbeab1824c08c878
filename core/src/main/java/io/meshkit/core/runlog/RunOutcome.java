package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a run ended, as passed to {@link RunLog#finishRun}.
 *
 * @param status {@link RunStatus#SUCCEEDED} or {@link RunStatus#FAILED}
 * @param rows rows the run wrote or read
 * @param bytes bytes the run wrote or read
 * @param message the one-line error or a short summary; never row data
 */
public record RunOutcome(RunStatus status, OptionalLong rows, OptionalLong bytes, Optional<String> message) {
    /** Validates the fields. */
    public RunOutcome {
        requireNonNull(status, "status is null");
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a finished run cannot be RUNNING");
        }
        requireNonNull(rows, "rows is null");
        requireNonNull(bytes, "bytes is null");
        requireNonNull(message, "message is null");
        message = message.map(io.meshkit.core.secret.Secrets::redact);
    }

    /** A successful run that wrote {@code rows} rows. */
    public static RunOutcome succeeded(long rows) {
        return new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.of(rows), OptionalLong.empty(), Optional.empty());
    }

    /** A failed run with its one-line error. */
    public static RunOutcome failed(String message) {
        return new RunOutcome(RunStatus.FAILED, OptionalLong.empty(), OptionalLong.empty(), Optional.of(message));
    }
}
