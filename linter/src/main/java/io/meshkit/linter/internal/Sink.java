package io.meshkit.linter.internal;

import io.meshkit.core.contract.SourceLocation;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one contract file, at the severities the conventions give. */
final class Sink {
    private final Conventions conventions;
    private final String contractId;
    final List<Finding> findings = new ArrayList<>();

    Sink(Conventions conventions, String contractId) {
        this.conventions = conventions;
        this.contractId = contractId;
    }

    Conventions conventions() {
        return conventions;
    }

    boolean enabled(String rule) {
        return conventions.severity(rule) != Severity.OFF;
    }

    void add(String rule, SourceLocation at, String dataset, String column, String message) {
        add(rule, conventions.severity(rule), at, dataset, column, message);
    }

    void add(String rule, Severity severity, SourceLocation at, String dataset, String column, String message) {
        if (severity != Severity.OFF) {
            findings.add(new Finding(rule, severity, at, message, contractId, dataset, column));
        }
    }
}
