package io.meshkit.linter.api;

/**
 * Lints contracts against the conventions: each contract alone, against its previous version (breaking changes)
 * and against its live tables (drift). Findings are located at the YAML node they are about.
 */
public interface Linter {
    /**
     * Lints valid contracts. An invalid one (broken YAML, not a mapping, refused by the ODCS schema of its
     * apiVersion or by meshkit's own checks) is bad input, not a finding: it throws
     * {@link io.meshkit.core.contract.ContractException} with every error of every invalid file
     * ({@code file:line:column}, exit 2); warehouse failures throw {@link io.meshkit.core.error.WarehouseException}.
     */
    LintReport lint(LintRequest request);
}
