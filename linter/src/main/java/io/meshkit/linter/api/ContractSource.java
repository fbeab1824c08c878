package io.meshkit.linter.api;

import static java.util.Objects.requireNonNull;

/**
 * The text of a contract file and the path it is shown with (relative to the working directory, with
 * {@code /} separators, as code scanning and annotations expect).
 *
 * @param path the path shown in findings
 * @param text the YAML
 */
public record ContractSource(String path, String text) {
    /** Validates. */
    public ContractSource {
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
    }
}
