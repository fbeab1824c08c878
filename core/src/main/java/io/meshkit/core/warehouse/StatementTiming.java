package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where a query's time went, where the warehouse measures it ({@link ResultRows#timing()}): the three
 * add up to {@link QueryStats#elapsed()} of the result.
 *
 * @param prepare parsing and planning the statement ({@code prepareStatement}; near zero when the
 *     connection kept the statement of an earlier run of the same text)
 * @param execute binding the values and running the statement until its result could be read (for a
 *     result that aggregates or sorts, the whole execution; an engine may plan again here, DuckDB does)
 * @param read fetching the rows and whatever the caller did between them, until the result was closed
 * @param rows the rows read
 */
public record StatementTiming(Duration prepare, Duration execute, Duration read, long rows) {
    /** Validates the fields. */
    public StatementTiming {
        requireNonNull(prepare, "prepare is null");
        requireNonNull(execute, "execute is null");
        requireNonNull(read, "read is null");
    }
}
