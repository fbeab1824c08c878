package io.meshkit.cli.yaml;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/** A mistake in a YAML file the cli reads (a pipeline, a golden test), at a line and column: exit code 2. */
public class YamlFileException extends MeshkitException {
    private final String location;
    private final String problem;

    /**
     * A mistake.
     *
     * @param what what could not be done, for the message: {@code Cannot read pipeline}
     * @param file the file as displayed
     * @param line 1-based line
     * @param column 1-based column
     * @param problem what is wrong, without the location
     */
    protected YamlFileException(String what, String file, int line, int column, String problem) {
        super(ErrorCode.INVALID_ARGUMENT, what + " " + file + ": " + file + ":" + line + ":" + column + ": " + problem);
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

    /** The line a user reads, compiler-style: {@code file:line:col: error: problem}. */
    public String line() {
        return location + ": error: " + problem;
    }
}
