package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.util.List;

/**
 * The canonical text of a value, and the hash of a row of them, spelled for one engine. Both sides
 * of a cross-database diff must produce the same text, byte for byte, for equal data:
 * <ul>
 *   <li>integers in decimal; other numbers as a fixed-point decimal with a fixed number of places
 *       (the {@code --decimals}, else the column's scale, else 6 for floating point);</li>
 *   <li>timestamps in UTC as {@code YYYY-MM-DD HH:MM:SS.ffffff} cut to the precision; dates ISO;</li>
 *   <li>booleans {@code 1}/{@code 0} (MySQL has no boolean, only {@code TINYINT(1)});</li>
 *   <li>binary as upper-case hex; strings as they are, optionally trimmed and lower-cased;</li>
 *   <li>a value followed by the control character U+001E, NULL as U+001F alone, so NULL and the
 *       empty string differ (evaluating each value once: a length prefix would compute it twice,
 *       which doubles MySQL's work); columns joined with {@code |}.</li>
 * </ul>
 * The row hash is the first 60 bits of the MD5 of the row text, as an integer; a segment's checksum
 * is the sum of its rows' hashes (order-independent, exact in both engines' wide integers).
 */
public abstract class CanonicalText {
    /** Digits of the MD5 read as the row hash: 15 hex digits, 60 bits, so sums of millions of rows stay exact. */
    static final int HASH_HEX_DIGITS = 15;

    /**
     * The places both sides write a numeric column with: the {@code --decimals}; else none (plain
     * integer text) when both sides are integers; else the larger scale, 6 for floating point.
     */
    public static int scale(DataType a, DataType b, Normalisation n) {
        if (!a.isNumeric() || !b.isNumeric()) {
            return -1;
        }
        if (n.decimals().isPresent()) {
            return n.decimals().getAsInt();
        }
        if (a.isInteger() && b.isInteger()) {
            return -1;
        }
        if (a.kind() == DataType.Kind.DECIMAL && b.kind() == DataType.Kind.DECIMAL && a.scale() == b.scale()) {
            return -1; // both engines write a DECIMAL with exactly its scale: no rounding needed
        }
        return Math.max(places(a), places(b));
    }

    private static int places(DataType t) {
        return switch (t.kind()) {
            case DECIMAL -> t.scale();
            case REAL, DOUBLE -> 6;
            default -> 0;
        };
    }

    /** The canonical text of a column expression of the given type; {@code scale} from {@link #scale}, -1 for none. */
    public abstract String text(String expr, DataType type, Normalisation n, int scale);

    /** The piece of a row text for one value: the text and U+001E, or U+001F for NULL. */
    public abstract String piece(String textExpr);

    /** The 60-bit hash of a row from its pieces. */
    public abstract String rowHash(List<String> pieces);

    /** The row text from its pieces (for downloads, so the JVM compares exactly what was hashed). */
    public abstract String rowText(List<String> pieces);

    /** The scale a number is converted to before it is rounded: a few guard digits, at most 18. */
    static int intermediateScale(int places) {
        return Math.min(places + 4, 18);
    }

    static String timestampFormatLength(int precision) {
        return String.valueOf(precision == 0 ? 19 : 20 + precision);
    }
}
