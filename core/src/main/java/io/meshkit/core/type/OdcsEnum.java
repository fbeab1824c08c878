package io.meshkit.core.type;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose constants are spelled in ODCS YAML as their names in lower case ({@code DIMENSION} is
 * {@code dimension}), read back ignoring case and surrounding space.
 */
public interface OdcsEnum {
    /** The constant's Java name; every enum has it. */
    String name();

    /** The constant as written in a contract, e.g. {@code dimension}. */
    default String odcsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} written as {@code value}, ignoring case; empty for null or an unknown value. */
    static <E extends Enum<E> & OdcsEnum> Optional<E> fromOdcs(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.odcsName().equalsIgnoreCase(v)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
