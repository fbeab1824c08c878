package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A problem found in a contract file. Messages never contain row data.
 *
 * @param location where the problem is
 * @param severity whether it makes the contract unusable
 * @param message what is wrong
 */
public record ContractProblem(SourceLocation location, Severity severity, String message) {
    /** How bad a problem is. */
    public enum Severity {
        /** The contract cannot be used. */
        ERROR,
        /** The contract can be used, but probably does not say what its author meant. */
        WARNING
    }

    /** Validates. */
    public ContractProblem {
        requireNonNull(location, "location is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
    }

    /** Whether this is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path:line:column: error: message}. */
    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}
