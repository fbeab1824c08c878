package io.meshkit.core.type;

import java.util.Optional;

/** The ODCS v3 logical types of a property ({@code logicalType}). */
public enum LogicalType implements OdcsEnum {
    STRING,
    DATE,
    TIMESTAMP,
    TIME,
    NUMBER,
    INTEGER,
    OBJECT,
    ARRAY,
    BOOLEAN;

    /** The logical type for an ODCS name, ignoring case. */
    public static Optional<LogicalType> fromOdcs(String name) {
        return OdcsEnum.fromOdcs(LogicalType.class, name);
    }

    @Override
    public String toString() {
        return odcsName();
    }
}
