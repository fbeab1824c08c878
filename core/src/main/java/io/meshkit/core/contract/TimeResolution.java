package io.meshkit.core.contract;

import java.util.Locale;
import java.util.Optional;

/** The time grain of a dataset's loads and partitions ({@code meshkit.timeResolution}); {@code DAY} unless given. */
public enum TimeResolution {
    /** Hourly. */
    HOUR,
    /** Daily. */
    DAY;

    /** The value as written in a contract, e.g. {@code day}. */
    public String odcsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<TimeResolution> fromOdcs(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (TimeResolution v : values()) {
            if (v.odcsName().equalsIgnoreCase(value.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
