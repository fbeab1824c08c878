package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnums;
import java.util.Optional;

/** What a dimension does when a key disappears from the source ({@code meshkit.deletes}); {@code CLOSE} unless given. */
public enum DeletesMode {
    /** Close the current version (set its {@code valid_to}). */
    CLOSE,
    /** Add a new version with {@code is_deleted = true}. */
    TOMBSTONE;

    /** The value as written in a contract, e.g. {@code close}. */
    public String odcsName() {
        return OdcsEnums.odcsName(this);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<DeletesMode> fromOdcs(String value) {
        return OdcsEnums.fromOdcs(DeletesMode.class, value);
    }
}
