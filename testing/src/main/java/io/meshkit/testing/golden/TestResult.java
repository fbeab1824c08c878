package io.meshkit.testing.golden;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How one golden test ended.
 *
 * @param name the test's name
 * @param file its file
 * @param status passed, failed (a table differs or the pipeline failed), error (a bad test file, or
 *     the run could not start), or updated (the expected files were written)
 * @param millis how long it took
 * @param message one line: what failed, or empty
 * @param detail the table diffs or the pipeline's output, indented; or for a pass, one line per table
 * @param exitCode 0, 1 for a failure, else the error's exit code (2 bad input, 3 external, 4 internal)
 * @param log what the pipeline printed
 * @param keptWarehouse the warehouse URI when it was kept ({@code --keep}), else empty
 */
public record TestResult(String name, java.nio.file.Path file, Status status, long millis, String message, String detail, int exitCode, String log, String keptWarehouse) {
    /** How a test ended. */
    public enum Status { PASS, FAIL, ERROR, UPDATED }

    /** Checks. */
    public TestResult {
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        requireNonNull(status, "status is null");
    }

    static TestResult passed(GoldenTest test, long millis, boolean updated, List<String> tables, String log, String kept) {
        return new TestResult(test.name(), test.file(), updated ? Status.UPDATED : Status.PASS, millis, "", String.join("\n", tables), 0, log, kept);
    }

    static TestResult failed(GoldenTest test, long millis, String message, String detail, String log, String kept) {
        return new TestResult(test.name(), test.file(), Status.FAIL, millis, message, detail, 1, log, kept);
    }

    static TestResult error(GoldenTest test, long millis, String message, int exitCode, String log, String kept) {
        return new TestResult(test.name(), test.file(), Status.ERROR, millis, message, "", exitCode, log, kept);
    }

    /** A test whose file could not be read: {@code message} is the {@code file:line:col: error: ...} line. */
    static TestResult badFile(String name, java.nio.file.Path file, String message, int exitCode) {
        return new TestResult(name, file, Status.ERROR, 0, message, "", exitCode, "", "");
    }
}
