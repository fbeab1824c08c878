package io.meshkit.core.type;

import java.util.Locale;
import java.util.Optional;

/**
 * How enum constants are spelled in ODCS YAML: the constant's name in lower case
 * ({@code DIMENSION} is {@code dimension}), read back ignoring case and surrounding space.
 */
public final class OdcsEnums {
    private OdcsEnums() {}

    /** The constant as written in a contract, e.g. {@code dimension}. */
    public static String odcsName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} written as {@code value}, ignoring case; empty for null or an unknown value. */
    public static <E extends Enum<E>> Optional<E> fromOdcs(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        for (E constant : type.getEnumConstants()) {
            if (odcsName(constant).equalsIgnoreCase(v)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
