package io.meshkit.core.quality;

/** The outcome of one quality check. */
public enum CheckStatus {
    /** The observed value meets the expectation. */
    PASSED,
    /** It does not, and the rule is an error. */
    FAILED,
    /** It does not, and the rule is only a warning. */
    WARNED,
    /** The rule cannot be run by meshkit (a text or custom rule); it is listed, not hidden. */
    SKIPPED
}
