package io.meshkit.publisher.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@code stage} did or, in a dry run, would do.
 *
 * @param dataset the dataset id
 * @param candidate the candidate table created (or adopted)
 * @param rows its rows; empty in a dry run
 * @param adopted whether an existing candidate table was taken as it is (nothing written)
 * @param plan the statements run or, in a dry run, that would run
 * @param mode run or dry run
 */
public record StageResult(String dataset, TableId candidate, OptionalLong rows, boolean adopted, List<String> plan, Mode mode) {
    /** Validates and copies. */
    public StageResult {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(candidate, "candidate is null");
        requireNonNull(rows, "rows is null");
        plan = List.copyOf(plan);
        requireNonNull(mode, "mode is null");
    }
}
