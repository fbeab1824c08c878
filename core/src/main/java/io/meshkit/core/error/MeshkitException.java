package io.meshkit.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The root of every error meshkit reports. Messages read {@code Cannot <verb> <object>: <reason>}
 * and never contain row values or secrets; the cause is always kept.
 */
public class MeshkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** An error with a code and a message. */
    public MeshkitException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** An error with a code, a message and the cause it wraps. */
    public MeshkitException(ErrorCode code, String message, Throwable cause) {
        // the one place every error message passes: no secret leaves in one (a driver's message may echo its URL)
        super(io.meshkit.core.secret.Secrets.redact(requireNonNull(message, "message is null")), cause);
        this.code = requireNonNull(code, "code is null");
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** The exit code a command returns for this error. */
    public int exitCode() {
        return code.exitCode();
    }
}
