package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnum;
import java.util.Optional;

/** How a dimension attribute keeps history ({@code meshkit.history}); {@code TYPE2} unless given. */
public enum HistoryMode implements OdcsEnum {
    /** A change creates a new version. */
    TYPE2,
    /** A change is a correction: overwritten in place in every version. */
    TYPE1,
    /** A change is ignored. */
    IGNORE;

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<HistoryMode> fromOdcs(String value) {
        return OdcsEnum.fromOdcs(HistoryMode.class, value);
    }
}
