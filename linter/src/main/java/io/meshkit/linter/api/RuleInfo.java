package io.meshkit.linter.api;

import static java.util.Objects.requireNonNull;

/**
 * A lint rule as documented by {@code meshkit-lint rules} and {@code meshkit-lint explain RULE}.
 *
 * @param id the stable id, e.g. {@code type-by-name}; used in output, conventions and suppressions
 * @param category the group: naming, typing, glossary, metadata, shape, breaking, drift, contract
 * @param defaultSeverity the severity when the conventions do not set one
 * @param summary one line
 * @param description what the rule checks and how to configure it
 * @param bad an example that triggers the rule
 * @param good the same example fixed
 */
public record RuleInfo(String id, String category, Severity defaultSeverity, String summary, String description,
        String bad, String good) {
    /** Validates. */
    public RuleInfo {
        requireNonNull(id, "id is null");
        requireNonNull(category, "category is null");
        requireNonNull(defaultSeverity, "defaultSeverity is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(description, "description is null");
        requireNonNull(bad, "bad is null");
        requireNonNull(good, "good is null");
    }
}
