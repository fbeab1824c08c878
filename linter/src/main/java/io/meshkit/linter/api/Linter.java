package io.meshkit.linter.api;

/**
 * Lints contracts against the conventions: each contract alone, against its previous version (breaking changes)
 * and against its live tables (drift). Findings are located at the YAML node they are about.
 */
public interface Linter {
    /**
     * Lints. Bad contract content is reported as findings ({@code contract-invalid}); a file that is not a
     * contract at all (broken YAML, not a mapping) throws {@link io.meshkit.core.contract.ContractException}
     * ({@code file:line:column}, exit 2); warehouse failures throw {@link io.meshkit.core.error.WarehouseException}.
     */
    LintReport lint(LintRequest request);
}
