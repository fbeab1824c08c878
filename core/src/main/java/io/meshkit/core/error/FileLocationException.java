package io.meshkit.core.error;

/**
 * A mistake in a file a user wrote (a pipeline, a golden test, a CSV file it names), at
 * {@code file:line:column}: exit code 2, shown compiler-style by {@link #line()}.
 */
public class FileLocationException extends MeshkitException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String problem;

    /**
     * A mistake.
     *
     * @param what what could not be done, for the message: {@code Cannot read pipeline p.yaml}
     * @param location {@code file:line:column}
     * @param problem what is wrong, without the location
     * @param cause what was thrown first, or null
     */
    public FileLocationException(String what, String location, String problem, Throwable cause) {
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
