package io.meshkit.core.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --dataset NAME}: which dataset (schema object) of a contract, needed only when it has
 * several. Part of {@link DatasetOption} and {@link RequiredDatasetOption}; a tool words its help
 * through the key {@code dataset} of its command's resource bundle.
 */
public final class DatasetNameOption {
    @Option(names = "--dataset", paramLabel = "NAME", descriptionKey = "dataset",
            description = "The dataset of the contract (needed when it has several).")
    String name;

    /** The name given, if any. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }
}
