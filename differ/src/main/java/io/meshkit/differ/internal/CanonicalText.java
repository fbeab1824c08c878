package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.internal.RowShape.Col;
import io.meshkit.differ.internal.RowShape.Form;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The canonical text of a value, of a row, and the digest of a key range, spelled for one engine.
 * Both sides of a cross-database diff produce the same text, byte for byte, for equal data. The
 * text is chosen to be as cheap as possible for MySQL, whose per-row functions are expensive (an
 * {@code MD5} or a {@code DATE_FORMAT} per row costs more than reading the row): where MySQL's own
 * text of a value is reproducible, it is the canonical text and the other engines imitate it.
 * <ul>
 *   <li>integers in decimal; decimals of the same scale on both sides as written (all digits of the
 *       scale); otherwise numbers are rounded: exact numbers in decimal arithmetic (half away from
 *       zero) to {@code --decimals} or the larger scale, written with exactly that many places;</li>
 *   <li>when either side is floating point, in binary floating point: below a magnitude where the
 *       rounding to d places can merge values, the integer {@code FLOOR(x * 10^d + 0.5)} (IEEE
 *       arithmetic is the same in every engine); above it, where no two doubles round to the same
 *       d places, the double itself exactly, as {@code e<k>:<m>} with {@code x = m * 2^(k-53)};</li>
 *   <li>timestamps in UTC as {@code YYYY-MM-DD HH:MM:SS.ffffff} cut to the precision (MySQL's own
 *       text of a {@code DATETIME(6)}); dates {@code YYYY-MM-DD};</li>
 *   <li>booleans {@code 1}/{@code 0} (MySQL has no boolean, only {@code TINYINT(1)}); binary as
 *       upper-case hex; strings as they are, optionally trimmed and lower-cased;</li>
 *   <li>NULL as U+001F (so NULL and the empty string differ); a row is the texts of its key and
 *       compared columns joined by U+001E ({@code CONCAT_WS}, MySQL's cheapest way to join them).</li>
 * </ul>
 * A range's digest is the MD5 of its rows' texts joined by U+001D in key order (binary order for
 * strings): one MD5 per range instead of one per row, which is what makes the checksum cheap.
 * Values holding these three control characters could make two different rows share a text.
 */
public abstract class CanonicalText {
    /** The smallest magnitude that floating-point values are compared at exactly, per places 0..18. */
    private static final int[] FLOAT_EXACT_EXPONENT = new int[19];

    static {
        for (int d = 0; d <= 18; d++) {
            // the smallest e with ulp(2^e) = 2^(e-52) > 10^-d: from there on, rounding to d places merges no two doubles
            BigDecimal unit = BigDecimal.ONE.movePointLeft(d);
            int e = -100;
            while (pow2(e - 52).compareTo(unit) <= 0) {
                e++;
            }
            FLOAT_EXACT_EXPONENT[d] = e;
        }
    }

    private static BigDecimal pow2(int e) {
        return e >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(e)) : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-e)));
    }

    /** How both sides write a compared column of types {@code a} and {@code b}. */
    public static Form form(DataType a, DataType b, Normalisation n) {
        if (!a.isNumeric() || !b.isNumeric()) {
            return Form.NATIVE;
        }
        if (floating(a) || floating(b)) {
            return new Form(Form.Mode.FLOAT, n.decimals().orElse(6));
        }
        if (a.isInteger() && b.isInteger()) {
            return Form.NATIVE;
        }
        int places = Math.max(scale(a), scale(b));
        if (a.kind() == DataType.Kind.DECIMAL && b.kind() == DataType.Kind.DECIMAL && a.scale() == b.scale()
                && (n.decimals().isEmpty() || n.decimals().getAsInt() >= places)) {
            return Form.NATIVE; // both engines write a DECIMAL with all digits of its scale; no rounding needed
        }
        return new Form(Form.Mode.DECIMAL, n.decimals().orElse(places));
    }

    private static boolean floating(DataType t) {
        return t.kind() == DataType.Kind.REAL || t.kind() == DataType.Kind.DOUBLE;
    }

    private static int scale(DataType t) {
        return t.kind() == DataType.Kind.DECIMAL ? t.scale() : 0;
    }

    // ---- what each engine spells ----

    /** The canonical text of a non-NULL value of the column (NULL for NULL). */
    public final String value(String expr, Col col, Normalisation n) {
        return switch (col.form().mode()) {
            case FLOAT -> floating(asDouble(expr, col), col.form().places());
            case DECIMAL -> fixed(expr, col, col.form().places());
            case NATIVE -> nativeText(expr, col, n);
        };
    }

    /** A canonical text as a query returns it to be compared in the JVM (MySQL returns native values typed, not as text). */
    public String asText(String valueText) {
        return valueText;
    }

    /** The text of a value that an example shows (NULL for NULL). */
    public abstract String display(String expr, Col col);

    /** The native text of a value: integers, same-scale decimals, temporal values, strings, booleans, binary. */
    abstract String nativeText(String expr, Col col, Normalisation n);

    /** An exact number rounded to {@code places} in decimal arithmetic, written with exactly that many places. */
    abstract String fixed(String expr, Col col, int places);

    /** The column as a double (a cast unless it is floating point already). */
    abstract String asDouble(String expr, Col col);

    /** {@code CAST(x AS <64-bit integer>)}. */
    abstract String toInteger(String expr);

    /** A boolean as the integer 1 or 0. */
    abstract String booleanToInteger(String condition);

    /** The base-2 logarithm. */
    abstract String log2(String expr);

    /** Concatenation that is NULL when any part is NULL. */
    abstract String concat(List<String> parts);

    /** A string literal. */
    abstract String literal(String text);

    /** The cases a floating-point value has in this engine only (NaN, infinities), as WHEN clauses, or empty. */
    abstract String specialFloats(String x);

    /** A nullable value's text, or U+001F for NULL. */
    abstract String orNullMark(String valueText);

    /** The row text: the values' texts joined by U+001E. */
    abstract String rowText(List<String> values);

    /**
     * The aggregate digest of a group: the MD5 (lower-case hex) of its row texts joined by U+001D,
     * in the given order.
     */
    public abstract String digest(String rowText, List<String> orderBy);

    /** Integer division of two integers. */
    public abstract String integerDivision(String a, String b);

    /** The remainder of two integers. */
    public abstract String remainder(String a, String b);

    // ---- shared ----

    /**
     * The canonical text of a row: key columns exact, then the compared columns normalised, each
     * NULL written as U+001F, joined by U+001E.
     *
     * @param quote the quoted column reference of a column
     */
    public final String rowText(RowShape shape, Function<Col, String> quote) {
        List<String> out = new ArrayList<>();
        for (Col k : shape.key()) {
            String v = value(quote.apply(k), k, Normalisation.EXACT);
            out.add(k.nullable() ? orNullMark(v) : v);
        }
        for (Col c : shape.columns()) {
            String v = value(quote.apply(c), c, shape.normalisation());
            out.add(c.nullable() ? orNullMark(v) : v);
        }
        return rowText(out);
    }

    /**
     * A floating-point value rounded to {@code d} places: below the magnitude where rounding can
     * merge doubles, the integer {@code FLOOR(x * 10^d + 0.5)}; from there on the double exactly, as
     * {@code e<k>:<m>} with {@code k = floor(log2 |x|)} (corrected with exact powers of two, so a
     * logarithm that is off by an ulp near a power of two cannot change it) and the integer
     * {@code m = x / 2^(k-53)}. Values just below the boundary that round up to it are written as the
     * boundary is above it.
     */
    private String floating(String x, int d) {
        int e = FLOAT_EXACT_EXPONENT[d];
        String boundary = pow2(e).toPlainString() + "e0";
        String scaled = "1e" + d;
        BigDecimal boundaryScaled = pow2(e).movePointRight(d);
        // below boundary - 2 units, the rounding cannot reach the boundary (the product errs by at most 1)
        String safe = pow2(e).subtract(BigDecimal.ONE.movePointLeft(d).multiply(BigDecimal.valueOf(2))).toPlainString() + "e0";
        String rounded = "FLOOR(" + x + " * " + scaled + " + 0.5)";
        String small = toInteger(rounded);
        String boundaryText = "CASE WHEN " + x + " > 0 THEN " + literal("e" + e + ":9007199254740992") + " ELSE "
                + literal("e" + e + ":-9007199254740992") + " END";
        String abs = "ABS(" + x + ")";
        // log2 of the largest doubles rounds up to 1024, and 2^1024 overflows: clamp, and halve x rather than double the power
        String k0 = "LEAST(FLOOR(" + log2(abs) + "), 1023)";
        String k = "(" + k0 + " - " + booleanToInteger(abs + " < POWER(2, " + k0 + ")") + " + "
                + booleanToInteger(abs + " / 2 >= POWER(2, " + k0 + ")") + ")";
        String exact = concat(List.of(literal("e"), toText(toInteger(k)), literal(":"), toText(toInteger(x + " / POWER(2, " + k + " - 53)"))));
        return "(CASE " + specialFloats(x) + "WHEN " + abs + " < " + safe + " THEN " + toText(small)
                + " WHEN " + abs + " < " + boundary + " THEN (CASE WHEN ABS(" + rounded + ") >= " + boundaryScaled.toPlainString() + "e0 THEN "
                + boundaryText + " ELSE " + toText(small) + " END) ELSE " + exact + " END)";
    }

    /** A string trimmed and lower-cased as the normalisation asks (the three engines spell both alike). */
    static String string(String expr, Normalisation n) {
        String e = expr;
        if (n.trim()) {
            e = "TRIM(" + e + ")";
        }
        if (n.caseFold()) {
            e = "LOWER(" + e + ")";
        }
        return e;
    }

    /** An integer as text (MySQL converts implicitly; the others cast). */
    abstract String toText(String integerExpr);

    /** The number of fractional-second digits a timestamp text keeps. */
    static String timestampFormatLength(int precision) {
        return String.valueOf(precision == 0 ? 19 : 20 + precision);
    }
}
