package io.meshkit.cli.golden;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/** A mistake in a golden test file or in a file it names, at a line and column: exit code 2. */
public final class GoldenFileException extends MeshkitException {
    private final String location;
    private final String problem;

    GoldenFileException(String file, int line, int column, String problem) {
        super(ErrorCode.INVALID_ARGUMENT, "Cannot read golden test " + file + ": " + file + ":" + line + ":" + column + ": " + problem);
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

    /** The line a user reads: {@code file:line:col: error: problem}. */
    public String line() {
        return location + ": error: " + problem;
    }
}
