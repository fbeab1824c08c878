package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnums;
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
        return OdcsEnums.odcsName(this);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<HistoryMode> fromOdcs(String value) {
        return OdcsEnums.fromOdcs(HistoryMode.class, value);
    }
}
