package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What a statement cost. Fields the engine does not report are empty.
 *
 * @param elapsed wall time of the statement
 * @param rowsAffected rows inserted, updated, deleted or created, where known
 * @param bytesScanned bytes read, where the engine reports it (BigQuery: bytes processed)
 */
public record QueryStats(Duration elapsed, OptionalLong rowsAffected, OptionalLong bytesScanned) {
    /** Validates the fields. */
    public QueryStats {
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(rowsAffected, "rowsAffected is null");
        requireNonNull(bytesScanned, "bytesScanned is null");
    }

    /** Stats with only an elapsed time. */
    public static QueryStats ofElapsed(Duration elapsed) {
        return new QueryStats(elapsed, OptionalLong.empty(), OptionalLong.empty());
    }
}
