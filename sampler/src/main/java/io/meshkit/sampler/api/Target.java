package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What {@code recommend} must meet. With an error target the smallest rate that meets it (and the
 * budgets) wins; with budgets only, the largest rate within them (the most accurate affordable one).
 *
 * @param maxRelativeError the largest half-width of any 95% interval relative to its estimate, e.g. 0.005
 * @param maxTime the longest a query may take
 * @param maxBytes the most bytes a query may scan
 */
public record Target(OptionalDouble maxRelativeError, Optional<Duration> maxTime, OptionalLong maxBytes) {
    /** Validates: at least one target, all positive. */
    public Target {
        requireNonNull(maxRelativeError, "maxRelativeError is null");
        requireNonNull(maxTime, "maxTime is null");
        requireNonNull(maxBytes, "maxBytes is null");
        if (maxRelativeError.isEmpty() && maxTime.isEmpty() && maxBytes.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot recommend a rate: give --max-error, --max-time or --max-bytes");
        }
        if (maxRelativeError.isPresent() && !(maxRelativeError.getAsDouble() > 0)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot recommend a rate: --max-error must be positive");
        }
    }
}
