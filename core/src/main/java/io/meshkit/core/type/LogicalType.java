package io.meshkit.core.type;

import java.util.Locale;
import java.util.Optional;

/** The ODCS v3 logical types of a property ({@code logicalType}). */
public enum LogicalType {
    STRING,
    DATE,
    TIMESTAMP,
    TIME,
    NUMBER,
    INTEGER,
    OBJECT,
    ARRAY,
    BOOLEAN;

    /** The name as written in ODCS YAML, e.g. {@code integer}. */
    public String odcsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The logical type for an ODCS name, ignoring case. */
    public static Optional<LogicalType> fromOdcs(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (LogicalType t : values()) {
            if (t.odcsName().equalsIgnoreCase(name.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return odcsName();
    }
}
