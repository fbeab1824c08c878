package io.meshkit.testing.golden;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/** A mistake in a golden test file or in a file it names (a CSV file), at a line and column: exit code 2. */
public final class GoldenFileException extends MeshkitException {
    private final String location;
    private final String problem;

    /**
     * A mistake in a test's file.
     *
     * @param file the file as displayed
     * @param line 1-based line
     * @param column 1-based column
     * @param problem what is wrong, without the location
     */
    public GoldenFileException(String file, int line, int column, String problem) {
        this("Cannot run golden test " + file, file + ":" + line + ":" + column, problem, null);
    }

    /**
     * A mistake found by a {@link GoldenTestReader} in a file the test names (the pipeline, say),
     * keeping that file's own location.
     *
     * @param what what could not be done: {@code Cannot read pipeline p.yaml}
     * @param location {@code file:line:column}
     * @param problem what is wrong, without the location
     * @param cause the reader's own exception, or null
     */
    public GoldenFileException(String what, String location, String problem, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, what + ": " + location + ": " + problem, cause);
        this.location = location;
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

    /** The line a user reads, compiler-style: {@code file:line:col: error: problem}. */
    public String line() {
        return location + ": error: " + problem;
    }
}
