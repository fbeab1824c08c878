package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnum;
import java.util.Optional;

/** The time grain of a dataset's loads and partitions ({@code meshkit.timeResolution}); {@code DAY} unless given. */
public enum TimeResolution implements OdcsEnum {
    /** Hourly. */
    HOUR,
    /** Daily. */
    DAY;

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<TimeResolution> fromOdcs(String value) {
        return OdcsEnum.fromOdcs(TimeResolution.class, value);
    }
}
