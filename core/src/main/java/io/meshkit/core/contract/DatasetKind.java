package io.meshkit.core.contract;

import java.util.Locale;
import java.util.Optional;

/** How meshkit keeps a dataset ({@code meshkit.kind}). */
public enum DatasetKind {
    /** An entity with history: one SCD2 version per change of its attributes. */
    DIMENSION,
    /** Events, appended once. */
    FACT,
    /** The full state at each point in time. */
    SNAPSHOT;

    /** The value as written in a contract, e.g. {@code dimension}. */
    public String odcsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<DatasetKind> fromOdcs(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (DatasetKind v : values()) {
            if (v.odcsName().equalsIgnoreCase(value.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
