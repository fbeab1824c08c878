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
     * The one rule for a name that comes from a contract or a flag and becomes a namespace or table
     * (a contract's {@code domain}, {@code --staging}): portable, or refused (exit 2).
     *
     * @param what what the name is, e.g. {@code "--staging"}
     */
    public static String requirePortable(String what, String name) {
        if (!isPortable(name)) {
            throw new MeshkitException(ErrorCode.INVALID_IDENTIFIER, "Cannot use " + what + " " + describe(name == null ? "" : name)
                    + ": a name must be letters, digits and underscores, not starting with a digit (at most " + MAX_LENGTH + ")");
        }
        return name;
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

    /**
     * The edit distance between two names (Levenshtein with adjacent transpositions), for "did you mean" hints.
     */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
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
