package io.meshkit.cli.golden;

import io.meshkit.cli.yaml.YamlFileException;

/** A mistake in a golden test file or in a file it names, at a line and column: exit code 2. */
public final class GoldenFileException extends YamlFileException {
    GoldenFileException(String file, int line, int column, String problem) {
        super("Cannot run golden test", file, line, column, problem);
    }
}
