package io.meshkit.core.contract;

import java.util.Locale;
import java.util.Optional;

/** How a dimension attribute keeps history ({@code meshkit.history}); {@code TYPE2} unless given. */
public enum HistoryMode {
    /** A change creates a new version. */
    TYPE2,
    /** A change is a correction: overwritten in place in every version. */
    TYPE1,
    /** A change is ignored. */
    IGNORE;

    /** The value as written in a contract, e.g. {@code type2}. */
    public String odcsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<HistoryMode> fromOdcs(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (HistoryMode v : values()) {
            if (v.odcsName().equalsIgnoreCase(value.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
