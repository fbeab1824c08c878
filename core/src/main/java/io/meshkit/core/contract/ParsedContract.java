package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The result of reading a contract file: the contract if it has no errors, every problem, and where each node is.
 *
 * @param file the file, or null when read from a string
 * @param displayPath the file as shown in problems
 * @param contract the contract, present exactly when there are no errors
 * @param problems every error and warning, in file order
 * @param locations where each node of the file is
 */
public record ParsedContract(
        Path file, String displayPath, Optional<Contract> contract, List<ContractProblem> problems,
        SourceMap locations) {

    /** Validates and copies. */
    public ParsedContract {
        requireNonNull(displayPath, "displayPath is null");
        requireNonNull(contract, "contract is null");
        problems = CollectionsUtil.list(problems);
        requireNonNull(locations, "locations is null");
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(ContractProblem::isError);
    }

    /** The warnings only. */
    public List<ContractProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The errors only. */
    public List<ContractProblem> errors() {
        return problems.stream().filter(ContractProblem::isError).toList();
    }

    /** The contract, or a {@link ContractException} with every problem. */
    public Contract orThrow() {
        if (hasErrors() || contract.isEmpty()) {
            throw new ContractException(problems);
        }
        return contract.get();
    }
}
