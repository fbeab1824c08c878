package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code prepare} did.
 *
 * @param table the table laid out for sampling
 * @param samplingKey the column its sampling values come from
 * @param appendedFrom the batch appended, when new rows were appended instead of the table rewritten
 * @param rowsWritten rows written: the whole table after a rewrite, the batch's rows after an append
 * @param rowsReplaced rows deleted before an append because the batch replaces them (0 after a rewrite)
 * @param rowsWithoutKey rows written whose sampling key is NULL: they are in no sample below 100%
 * @param elapsed wall time
 */
public record PrepareResult(TableId table, ColumnName samplingKey, Optional<TableId> appendedFrom, long rowsWritten,
        long rowsReplaced, long rowsWithoutKey, Duration elapsed) {
    /** Validates. */
    public PrepareResult {
        requireNonNull(table, "table is null");
        requireNonNull(samplingKey, "samplingKey is null");
        requireNonNull(appendedFrom, "appendedFrom is null");
        requireNonNull(elapsed, "elapsed is null");
    }
}
