package io.meshkit.core.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file. */
final class Problems {
    private final List<ContractProblem> problems = new ArrayList<>();

    void error(SourceLocation at, String message) {
        problems.add(new ContractProblem(at, ContractProblem.Severity.ERROR, message));
    }

    void warning(SourceLocation at, String message) {
        problems.add(new ContractProblem(at, ContractProblem.Severity.WARNING, message));
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(ContractProblem::isError);
    }

    /** In file order; problems at the same place keep the order they were found in. */
    List<ContractProblem> sorted() {
        List<ContractProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt((ContractProblem p) -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        return copy;
    }
}
