package io.meshkit.core.contract;

import java.util.Optional;

/**
 * The ODCS library metrics. v3.1 names them with {@code metric:}; the v3.0 {@code rule:} names
 * ({@code nullCheck}, {@code duplicateCount}, {@code validValues}, {@code rowCount}) are accepted too.
 */
public enum QualityMetric {
    /** Rows where the column is null. */
    NULL_VALUES("nullValues", "nullCheck"),
    /** Rows where the column is null or one of {@code arguments.missingValues}. */
    MISSING_VALUES("missingValues", null),
    /** Rows where the column is not one of {@code arguments.validValues}. */
    INVALID_VALUES("invalidValues", "validValues"),
    /** Rows whose column value occurs more than once. */
    DUPLICATE_VALUES("duplicateValues", "duplicateCount"),
    /** The number of rows. */
    ROW_COUNT("rowCount", "rowCount");

    private final String odcsName;
    private final String v30Rule;

    QualityMetric(String odcsName, String v30Rule) {
        this.odcsName = odcsName;
        this.v30Rule = v30Rule;
    }

    /** The v3.1 {@code metric} name, e.g. {@code nullValues}. */
    public String odcsName() {
        return odcsName;
    }

    /** The metric for a v3.1 {@code metric} or v3.0 {@code rule} name, ignoring case. */
    public static Optional<QualityMetric> fromOdcs(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim();
        for (QualityMetric m : values()) {
            if (m.odcsName.equalsIgnoreCase(n) || (m.v30Rule != null && m.v30Rule.equalsIgnoreCase(n))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
