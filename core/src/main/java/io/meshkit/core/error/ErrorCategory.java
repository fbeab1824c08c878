package io.meshkit.core.error;

/**
 * Who has to act on an error, and therefore which exit code a command returns for it.
 *
 * <p>Exit code 1 is not an error category: it means a command ran and found something (lint
 * errors, an unexpected diff, a failed validation, a firing alert).
 */
public enum ErrorCategory {
    /** Bad input or configuration: the user fixes it. Exit code 2. */
    USER(2),
    /** An external system failed: warehouse, source database, bucket, webhook. Exit code 3. */
    EXTERNAL(3),
    /** A defect in meshkit itself. Exit code 4. */
    INTERNAL(4);

    private final int exitCode;

    ErrorCategory(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for errors of this category. */
    public int exitCode() {
        return exitCode;
    }
}
