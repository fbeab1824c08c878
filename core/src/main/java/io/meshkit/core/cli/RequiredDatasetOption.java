package io.meshkit.core.cli;

import io.meshkit.core.contract.Contract;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --contract FILE} (required) and {@code --dataset NAME}: the dataset a command works on. Add
 * with {@code @Mixin}; a tool words the help through the keys {@code contract} and {@code dataset} of
 * its command's resource bundle.
 */
public final class RequiredDatasetOption {
    @Option(names = "--contract", paramLabel = "FILE", required = true, descriptionKey = "contract",
            description = "The dataset's ODCS contract.")
    Path contract;

    @Mixin
    DatasetNameOption dataset;

    private Contract read;
    private DatasetSelection selection;

    /** The contract file. */
    public Path contractFile() {
        return contract;
    }

    /** The dataset name given, if any. */
    public Optional<String> datasetName() {
        return dataset.name();
    }

    /** The contract, read once per command. */
    public Contract contract() {
        if (read == null) {
            read = DatasetSelection.readContract(contract);
        }
        return read;
    }

    /** The contract and the dataset {@code --dataset} names in it (or its only one), once per command. */
    public DatasetSelection selection() {
        if (selection == null) {
            selection = DatasetSelection.choose(contract, contract(), dataset.name());
        }
        return selection;
    }
}
