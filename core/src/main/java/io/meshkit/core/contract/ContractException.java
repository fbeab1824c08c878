package io.meshkit.core.contract;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.List;

/**
 * A contract file has errors. The message is the first problem, {@code path:line:column: error: message},
 * followed by {@code (and N more problems)} when there are more; {@link #problems()} has them all.
 */
public final class ContractException extends MeshkitException {
    private static final long serialVersionUID = 1L;

    private final transient List<ContractProblem> problems;

    /** An exception for the given problems; there must be at least one. */
    public ContractException(List<ContractProblem> problems) {
        super(ErrorCode.INVALID_CONTRACT, message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<ContractProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        // errors first: a warning is not why reading failed
        ContractProblem first = problems.stream().filter(ContractProblem::isError).findFirst().orElse(problems.get(0));
        int more = problems.size() - 1;
        return more == 0 ? first.toString()
                : first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    }

    /** Every problem of the file, errors and warnings. */
    public List<ContractProblem> problems() {
        return problems;
    }
}
