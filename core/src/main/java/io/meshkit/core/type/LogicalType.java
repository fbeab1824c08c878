package io.meshkit.core.type;

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
        return OdcsEnums.odcsName(this);
    }

    /** The logical type for an ODCS name, ignoring case. */
    public static Optional<LogicalType> fromOdcs(String name) {
        return OdcsEnums.fromOdcs(LogicalType.class, name);
    }

    @Override
    public String toString() {
        return odcsName();
    }
}
