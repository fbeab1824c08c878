package io.meshkit.core.contract;

import java.util.Locale;
import java.util.Optional;

/** What a dimension does when a key disappears from the source ({@code meshkit.deletes}); {@code CLOSE} unless given. */
public enum DeletesMode {
    /** Close the current version (set its {@code valid_to}). */
    CLOSE,
    /** Add a new version with {@code is_deleted = true}. */
    TOMBSTONE;

    /** The value as written in a contract, e.g. {@code close}. */
    public String odcsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<DeletesMode> fromOdcs(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (DeletesMode v : values()) {
            if (v.odcsName().equalsIgnoreCase(value.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
