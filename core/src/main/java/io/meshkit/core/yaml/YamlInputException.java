package io.meshkit.core.yaml;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.SourceLocation;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/** A YAML file that cannot be read, at {@code file:line:column} (exit 2). */
public final class YamlInputException extends MeshkitException {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String problem;

    /** The problem at a location. */
    public YamlInputException(SourceLocation location, String problem) {
        super(ErrorCode.INVALID_ARGUMENT, requireNonNull(location, "location is null") + ": " + requireNonNull(problem, "problem is null"));
        this.location = location;
        this.problem = problem;
    }

    /** Where. */
    public SourceLocation location() {
        return location;
    }

    /** What, without the location. */
    public String problem() {
        return problem;
    }
}
