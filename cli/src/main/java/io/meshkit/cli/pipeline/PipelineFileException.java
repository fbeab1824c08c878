package io.meshkit.cli.pipeline;

import io.meshkit.cli.yaml.YamlFileException;

/** A mistake in {@code pipeline.yaml}, at a line and column: exit code 2. */
public final class PipelineFileException extends YamlFileException {
    PipelineFileException(String file, int line, int column, String problem) {
        super("Cannot read pipeline", file, line, column, problem);
    }
}
