package io.meshkit.linter.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import java.util.List;

/**
 * The result of a lint run.
 *
 * @param contracts how many contract files were linted
 * @param basesCompared how many of them had a previous version to compare with
 * @param findings every finding that was not suppressed, by file, line and column
 * @param suppressed how many findings suppressions hid
 * @param changelog every change against the previous versions, breaking or not
 * @param tablesChecked the live tables compared with their contracts (only with a warehouse)
 */
public record LintReport(int contracts, int basesCompared, List<Finding> findings, int suppressed,
        List<Change> changelog, List<TableId> tablesChecked) {
    /** Copies. */
    public LintReport {
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        changelog = List.copyOf(requireNonNull(changelog, "changelog is null"));
        tablesChecked = List.copyOf(requireNonNull(tablesChecked, "tablesChecked is null"));
    }

    /** How many findings have this severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether any finding is at least as severe as the threshold. */
    public boolean failsAt(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }
}
