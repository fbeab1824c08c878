package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnum;
import java.util.Optional;

/** How meshkit keeps a dataset ({@code meshkit.kind}). */
public enum DatasetKind implements OdcsEnum {
    /** An entity with history: one SCD2 version per change of its attributes. */
    DIMENSION,
    /** Events, appended once. */
    FACT,
    /** The full state at each point in time. */
    SNAPSHOT;

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<DatasetKind> fromOdcs(String value) {
        return OdcsEnum.fromOdcs(DatasetKind.class, value);
    }
}
