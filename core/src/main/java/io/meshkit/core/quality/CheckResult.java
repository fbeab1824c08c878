package io.meshkit.core.quality;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The result of one quality check.
 *
 * @param check the check's id, e.g. {@code primary_key_unique}, {@code null_values}, {@code scd2_no_overlap}
 * @param target the column(s) or dataset checked, e.g. {@code track_id} or {@code tracks}
 * @param status passed, failed, warned or skipped
 * @param observed the measured value (rows, or percent when the rule counts in percent); empty when skipped
 * @param expectation what the value had to be, e.g. {@code must be 0}
 * @param sampleKeys up to five keys of offending rows (personal-data key columns masked)
 * @param description a one-line explanation for people
 */
public record CheckResult(String check, String target, CheckStatus status, Optional<BigDecimal> observed, String expectation,
        List<String> sampleKeys, String description) {
    /** Validates and copies. */
    public CheckResult {
        requireNonNull(check, "check is null");
        requireNonNull(target, "target is null");
        requireNonNull(status, "status is null");
        requireNonNull(observed, "observed is null");
        requireNonNull(expectation, "expectation is null");
        sampleKeys = List.copyOf(sampleKeys);
        requireNonNull(description, "description is null");
    }

    /** Whether the check did not fail (a warning or a skip does not fail a validation). */
    public boolean passed() {
        return status != CheckStatus.FAILED;
    }
}
