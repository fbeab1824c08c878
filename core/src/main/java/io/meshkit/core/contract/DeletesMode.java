package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnum;
import java.util.Optional;

/** What a dimension does when a key disappears from the source ({@code meshkit.deletes}); {@code CLOSE} unless given. */
public enum DeletesMode implements OdcsEnum {
    /** Close the current version (set its {@code valid_to}). */
    CLOSE,
    /** Add a new version with {@code is_deleted = true}. */
    TOMBSTONE;

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<DeletesMode> fromOdcs(String value) {
        return OdcsEnum.fromOdcs(DeletesMode.class, value);
    }
}
