package io.meshkit.publisher.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.quality.CheckStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit of a release candidate: its columns and types against the contract, the contract's
 * quality checks, and the change of its row count against production. Every check is a
 * {@link CheckResult}, the schema ones included ({@code schema_column_missing},
 * {@code schema_column_unexpected}, {@code schema_column_type}, or {@code schema} when all match)
 * and {@code row_count_change}.
 *
 * @param dataset the dataset id
 * @param candidate the table audited
 * @param production the production table compared against, if it exists
 * @param rows the candidate's rows; empty in a dry run
 * @param productionRows production's rows, if it exists
 * @param checksum an order-independent checksum of the candidate's contract columns; empty in a dry run
 * @param checks every check, in the order run
 * @param plan in a dry run, the checks and SQL that would run; otherwise empty
 */
public record ValidationReport(String dataset, TableId candidate, Optional<TableId> production, OptionalLong rows,
        OptionalLong productionRows, Optional<String> checksum, List<CheckResult> checks, List<String> plan) {
    /** Validates and copies. */
    public ValidationReport {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(candidate, "candidate is null");
        requireNonNull(production, "production is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(productionRows, "productionRows is null");
        requireNonNull(checksum, "checksum is null");
        checks = List.copyOf(checks);
        plan = List.copyOf(plan);
    }

    /** Whether no check failed (warnings and skips do not fail a validation). */
    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** How many checks ended with a status. */
    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }
}
