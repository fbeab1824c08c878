package io.meshkit.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The stable code of an error, and its category. Codes are part of the JSON output of every command,
 * so scripts can branch on them.
 */
public enum ErrorCode {
    /** A contract file could not be parsed or failed validation. */
    INVALID_CONTRACT(ErrorCategory.USER),
    /** An identifier is not acceptable (empty, control characters, too long, or not portable). */
    INVALID_IDENTIFIER(ErrorCategory.USER),
    /** A command-line argument or a configuration value is wrong. */
    INVALID_ARGUMENT(ErrorCategory.USER),
    /** A file named by the user does not exist or cannot be read. */
    FILE_NOT_FOUND(ErrorCategory.USER),
    /** A table named by the user does not exist. */
    NO_SUCH_TABLE(ErrorCategory.USER),
    /** No warehouse implementation is installed for a URI scheme. */
    UNKNOWN_WAREHOUSE(ErrorCategory.USER),
    /** The SQL text given by the user is wrong (syntax, unknown column). */
    INVALID_QUERY(ErrorCategory.USER),
    /** Another process holds the lease on a dataset. */
    LEASE_HELD(ErrorCategory.USER),
    /** The warehouse failed. */
    WAREHOUSE_FAILURE(ErrorCategory.EXTERNAL),
    /** The source database failed or could not be reached. */
    SOURCE_FAILURE(ErrorCategory.EXTERNAL),
    /** An external service (an HTTP API such as GitHub's, a webhook) failed or refused a request. */
    SERVICE_FAILURE(ErrorCategory.EXTERNAL),
    /** A bug in meshkit. */
    INTERNAL_ERROR(ErrorCategory.INTERNAL);

    private final ErrorCategory category;

    ErrorCode(ErrorCategory category) {
        this.category = requireNonNull(category, "category is null");
    }

    /** The category of this code. */
    public ErrorCategory category() {
        return category;
    }

    /** The process exit code for this error. */
    public int exitCode() {
        return category.exitCode();
    }
}
