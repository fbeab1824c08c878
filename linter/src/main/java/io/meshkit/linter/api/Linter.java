package io.meshkit.linter.api;

/**
 * Lints contracts against the conventions: each contract alone, against its previous version (breaking changes)
 * and against its live tables (drift). Findings are located at the YAML node they are about.
 */
public interface Linter {
    /**
     * Lints. Bad contract content is reported as findings ({@code contract-invalid}), never thrown; warehouse
     * failures throw {@link io.meshkit.core.error.WarehouseException}.
     */
    LintReport lint(LintRequest request);
}
