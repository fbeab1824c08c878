package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnums;
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
        return OdcsEnums.odcsName(this);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<DatasetKind> fromOdcs(String value) {
        return OdcsEnums.fromOdcs(DatasetKind.class, value);
    }
}
