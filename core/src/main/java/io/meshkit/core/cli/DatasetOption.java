package io.meshkit.core.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --contract FILE} (optional) and {@code --dataset NAME}: the dataset a command works on,
 * when it can also be named another way (e.g. {@code --table}). Add with {@code @Mixin}; a tool words
 * the help through the keys {@code contract} and {@code dataset} of its command's resource bundle.
 * Use {@link RequiredDatasetOption} where the contract is required.
 */
public final class DatasetOption {
    @Option(names = "--contract", paramLabel = "FILE", descriptionKey = "contract", description = "The dataset's ODCS contract.")
    Path contract;

    @Mixin
    DatasetNameOption dataset;

    private DatasetSelection selection;

    /** The contract file given, if any. */
    public Optional<Path> contractFile() {
        return Optional.ofNullable(contract);
    }

    /** The dataset name given, if any. */
    public Optional<String> datasetName() {
        return dataset.name();
    }

    /** The contract read and its dataset chosen (once per command), if {@code --contract} was given. */
    public Optional<DatasetSelection> selection() {
        if (contract == null) {
            return Optional.empty();
        }
        if (selection == null) {
            selection = DatasetSelection.choose(contract, DatasetSelection.readContract(contract), dataset.name());
        }
        return Optional.of(selection);
    }
}
