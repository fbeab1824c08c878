package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnums;
import java.util.Optional;

/** The time grain of a dataset's loads and partitions ({@code meshkit.timeResolution}); {@code DAY} unless given. */
public enum TimeResolution {
    /** Hourly. */
    HOUR,
    /** Daily. */
    DAY;

    /** The value as written in a contract, e.g. {@code day}. */
    public String odcsName() {
        return OdcsEnums.odcsName(this);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<TimeResolution> fromOdcs(String value) {
        return OdcsEnums.fromOdcs(TimeResolution.class, value);
    }
}
