package io.meshkit.core.identifier;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.regex.Pattern;

/**
 * The rules every identifier follows. Any name without control characters can be quoted by a
 * {@link io.meshkit.core.warehouse.Dialect}; a <em>portable</em> name ({@code [A-Za-z_][A-Za-z0-9_]*})
 * works unquoted on every warehouse and is what contracts must use.
 */
public final class Identifiers {
    /** The longest identifier meshkit accepts. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Identifiers() {}

    /** Whether {@code name} is portable: letters, digits and underscores, not starting with a digit. */
    public static boolean isPortable(String name) {
        return name != null && name.length() <= MAX_LENGTH && PORTABLE.matcher(name).matches();
    }

    /**
     * Checks that {@code name} can be quoted safely: not empty, not longer than {@link #MAX_LENGTH},
     * no control characters. Returns it unchanged.
     */
    static String checkQuotable(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_IDENTIFIER, "Cannot use " + kind + " name: it is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new MeshkitException(ErrorCode.INVALID_IDENTIFIER,
                    "Cannot use " + kind + " name '" + name.substring(0, 40) + "…': it is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new MeshkitException(ErrorCode.INVALID_IDENTIFIER,
                        "Cannot use " + kind + " name " + describe(name) + ": it contains a control character");
            }
        }
        return name;
    }

    /** The name in quotes for a message, control characters escaped. */
    public static String describe(String name) {
        StringBuilder b = new StringBuilder("'");
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }
}
