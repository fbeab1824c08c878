package io.meshkit.publisher.api;

/** What a row-count change beyond the threshold does to a validation. */
public enum RowChangeSeverity {
    /** Reported; the candidate can still be promoted. */
    WARN,
    /** The validation fails; the candidate is not promoted. */
    FAIL
}
