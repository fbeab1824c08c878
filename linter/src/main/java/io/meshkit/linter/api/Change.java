package io.meshkit.linter.api;

import static java.util.Objects.requireNonNull;

/**
 * A line of the changelog between the previous and the current version of a contract.
 *
 * @param contractId the contract
 * @param path the current file
 * @param fromVersion the previous contract version
 * @param toVersion the current contract version
 * @param breaking whether consumers can break on it
 * @param ruleId the breaking-change rule, or null for a compatible change
 * @param text what changed, e.g. {@code plays: column ms_played removed}
 */
public record Change(String contractId, String path, String fromVersion, String toVersion, boolean breaking,
        String ruleId, String text) {
    /** Validates. */
    public Change {
        requireNonNull(contractId, "contractId is null");
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
    }
}
