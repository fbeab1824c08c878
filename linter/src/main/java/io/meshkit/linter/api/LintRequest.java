package io.meshkit.linter.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;

/**
 * What to lint.
 *
 * @param contracts the current contract files
 * @param bases the previous versions (from a git ref or a directory), matched to the current ones by contract id,
 *     then by path; empty for no breaking-change checks
 * @param warehouse the warehouse whose live tables are compared with the contracts, if any
 */
public record LintRequest(List<ContractSource> contracts, List<ContractSource> bases, Optional<Warehouse> warehouse) {
    /** Copies. */
    public LintRequest {
        contracts = List.copyOf(contracts);
        bases = List.copyOf(bases);
        requireNonNull(warehouse, "warehouse is null");
    }

    /** Lints contracts alone. */
    public static LintRequest of(List<ContractSource> contracts) {
        return new LintRequest(contracts, List.of(), Optional.empty());
    }
}
