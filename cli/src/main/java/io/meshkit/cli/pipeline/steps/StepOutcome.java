package io.meshkit.cli.pipeline.steps;

/**
 * How a unit ended.
 *
 * @param exitCode 0, 1 (a check found something) or the error's exit code
 * @param rows the rows the step counted
 * @param message one line: what it did, or why it failed
 * @param command the command that failed, as a user could run it (empty when none applies)
 * @param findingsOnly whether exit 1 only reports findings and the run goes on (a firing monitor)
 */
public record StepOutcome(int exitCode, long rows, String message, String command, boolean findingsOnly) {
    /** Succeeded. */
    public static StepOutcome ok(long rows, String message) {
        return new StepOutcome(0, rows, message, "", false);
    }

    /** Failed without a command to show. */
    public static StepOutcome failed(int exitCode, String message) {
        return new StepOutcome(exitCode, 0, message, "", false);
    }

    /** Failed running {@code command}. */
    public static StepOutcome failed(int exitCode, String message, String command) {
        return new StepOutcome(exitCode, 0, message, command, false);
    }
}
