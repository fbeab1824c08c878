package io.meshkit.core.cli;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A contract read from {@code --contract} and the dataset {@code --dataset} chose in it.
 *
 * @param file the contract file
 * @param contract the contract
 * @param dataset the dataset
 */
public record DatasetSelection(Path file, Contract contract, Dataset dataset) {
    /** Validates. */
    public DatasetSelection {
        requireNonNull(file, "file is null");
        requireNonNull(contract, "contract is null");
        requireNonNull(dataset, "dataset is null");
    }

    /** The dataset named {@code dataset} of a contract read from {@code file}, or its only one. */
    public static DatasetSelection choose(Path file, Contract contract, Optional<String> dataset) {
        return new DatasetSelection(file, contract, contract.chooseDataset(dataset.orElse(null), file));
    }

    /** Reads a contract file; a bad one throws with {@code file:line:column} (exit 2). */
    static Contract readContract(Path file) {
        return ContractReader.create().read(file);
    }

    /** The dataset's tables by convention (production, staging, candidate). */
    public DatasetTables tables() {
        return DatasetTables.of(contract, dataset);
    }
}
