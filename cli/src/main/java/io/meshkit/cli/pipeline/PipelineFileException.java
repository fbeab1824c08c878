package io.meshkit.cli.pipeline;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/** A mistake in {@code pipeline.yaml}, at a line and column: exit code 2. */
public final class PipelineFileException extends MeshkitException {
    private final String location;
    private final String problem;

    PipelineFileException(String file, int line, int column, String problem) {
        super(ErrorCode.INVALID_ARGUMENT, "Cannot read pipeline " + file + ": " + file + ":" + line + ":" + column + ": " + problem);
        this.location = file + ":" + line + ":" + column;
        this.problem = problem;
    }

    /** {@code file:line:column}. */
    public String location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
