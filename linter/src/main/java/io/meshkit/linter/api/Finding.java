package io.meshkit.linter.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.SourceLocation;

/**
 * One thing the linter found, at the YAML node it is about.
 *
 * @param ruleId the rule, see {@link Rules}
 * @param severity the severity after the conventions are applied (never {@link Severity#OFF})
 * @param location the file, line and column of the offending node
 * @param message what is wrong and how to fix it; never row data
 * @param contractId the contract's id, or null when the file could not be read as a contract
 * @param dataset the dataset, or null
 * @param column the column, or null
 */
public record Finding(String ruleId, Severity severity, SourceLocation location, String message, String contractId,
        String dataset, String column) {
    /** Validates. */
    public Finding {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(location, "location is null");
        requireNonNull(message, "message is null");
        if (severity == Severity.OFF) {
            throw new IllegalArgumentException("a finding cannot be off");
        }
    }

    /** {@code path:line:column: severity rule-id message}. */
    @Override
    public String toString() {
        return location + ": " + severity.label() + " " + ruleId + " " + message;
    }
}
