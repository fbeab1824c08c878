package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The canonical text of a value and of a row, and the digest of a group of rows, spelled for one
 * SQL engine: what a cross-database diff compares. Like the sampling value, it is one documented
 * function that every engine reproduces byte for byte, so equal data on two engines gives equal
 * digests. Each warehouse's {@link Dialect#canonicalText()} spells it; a source that is not a
 * warehouse (the differ's MySQL side) has its own subclass beside its reader.
 *
 * <p>The text is chosen to be as cheap as possible for MySQL, whose per-row functions are expensive
 * (an {@code MD5} or a {@code DATE_FORMAT} per row costs more than reading the row): where MySQL's
 * own text of a value is reproducible, it is the canonical text and the other engines imitate it.
 * <ul>
 *   <li>integers in decimal; decimals of the same scale on both sides as written (all digits of the
 *       scale); otherwise numbers are rounded ({@link #form}): exact numbers in decimal arithmetic
 *       (half away from zero) to the agreed places, written with exactly that many places;</li>
 *   <li>when either side is floating point, in binary floating point: below a magnitude where the
 *       rounding to d places can merge values, the integer {@code FLOOR(x * 10^d + 0.5)} (IEEE
 *       arithmetic is the same in every engine); above it, where no two doubles round to the same
 *       d places, the double itself exactly, as {@code e<k>:<m>} with {@code x = m * 2^(k-53)};
 *       NaN and the infinities as {@code nan}, {@code inf}, {@code -inf};</li>
 *   <li>timestamps in UTC as {@code YYYY-MM-DD HH:MM:SS.ffffff} cut to the precision (MySQL's own
 *       text of a {@code DATETIME(6)}; no fraction at precision 0); dates {@code YYYY-MM-DD};</li>
 *   <li>booleans {@code 1}/{@code 0} (MySQL has no boolean, only {@code TINYINT(1)}); binary as
 *       upper-case hex; strings as they are, optionally trimmed and lower-cased;</li>
 *   <li>NULL as U+001F (so NULL and the empty string differ); a row is the texts of its key and
 *       compared columns joined by U+001E.</li>
 * </ul>
 * A group's digest is the lower-case hex MD5 of its rows' texts joined by U+001D in the given order
 * (binary order for strings): one MD5 per group instead of one per row, which is what makes the
 * checksum cheap. Values holding these three control characters could make two rows share a text.
 *
 * <p>A subclass implements the protected hooks, each a small piece of its engine's SQL (a warehouse
 * extends {@link WarehouseCanonicalText}, which writes most of them once from its {@link Dialect});
 * {@code WarehouseContractTest} checks the texts and digests of a table of values on every warehouse.
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

    /**
     * How both sides write a numeric column: {@code NATIVE} as the engine writes it (integers, and
     * decimals of one scale on both sides), {@code DECIMAL} rounded to {@code places} in decimal
     * arithmetic, {@code FLOAT} rounded to {@code places} in binary floating point (when either
     * side is floating point). Non-numeric columns are {@code NATIVE}.
     *
     * @param mode the kind of form
     * @param places the decimal places ({@code -1} for {@code NATIVE})
     */
    public record Form(Mode mode, int places) {
        /** The kinds of form. */
        public enum Mode { NATIVE, DECIMAL, FLOAT }

        /** Native text. */
        public static final Form NATIVE = new Form(Mode.NATIVE, -1);

        /** Validates. */
        public Form {
            requireNonNull(mode, "mode is null");
            if (mode != Mode.NATIVE && (places < 0 || places > 18)) {
                throw new IllegalArgumentException("places must be 0..18, got " + places);
            }
        }
    }

    /**
     * A column as one side holds it.
     *
     * @param name the column name on this side
     * @param type the portable type on this side
     * @param engineType the engine's spelling (MySQL's {@code COLUMN_TYPE}, e.g. {@code datetime(3)})
     * @param nullable whether the column admits NULL (a NOT NULL column needs no NULL mark)
     * @param form the numeric form both sides agreed on
     */
    public record Column(ColumnName name, DataType type, String engineType, boolean nullable, Form form) {
        /** Validates. */
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(engineType, "engineType is null");
            requireNonNull(form, "form is null");
        }

        /** A column as described by its engine, in the given form. */
        public static Column of(ColumnInfo info, Form form) {
            return new Column(info.name(), info.type(), info.engineType(), info.nullable(), form);
        }
    }

    /**
     * How values that are not numbers are made comparable.
     *
     * @param timestampPrecision fractional-second digits kept (0 to 6; extra digits are cut)
     * @param trim whether strings lose leading and trailing spaces
     * @param caseFold whether strings are lower-cased
     */
    public record Rules(int timestampPrecision, boolean trim, boolean caseFold) {
        /** Exact: microseconds, strings as they are. */
        public static final Rules EXACT = new Rules(6, false, false);

        /** Validates. */
        public Rules {
            if (timestampPrecision < 0 || timestampPrecision > 6) {
                throw new IllegalArgumentException("timestampPrecision must be 0..6, got " + timestampPrecision);
            }
        }
    }

    private final Quoting quoting;

    /**
     * A canonical text spelled in an engine that quotes this way.
     *
     * @param quoting the engine's quoting, for the builders of {@link #sql()}
     */
    protected CanonicalText(Quoting quoting) {
        this.quoting = requireNonNull(quoting, "quoting is null");
    }

    /** A builder in this engine's quoting. */
    protected final SqlBuilder sql() {
        return quoting.sql();
    }

    private static BigDecimal pow2(int e) {
        return e >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(e)) : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
    }

    /**
     * How both sides write a compared column of types {@code a} and {@code b}: native unless both are
     * numbers; in floating point when either is (to {@code decimals}, default 6 places); native for
     * two integers or two decimals of one scale that {@code decimals} does not cut; otherwise in
     * decimal arithmetic to {@code decimals}, default the larger scale.
     */
    public static Form form(DataType a, DataType b, OptionalInt decimals) {
        if (!a.isNumeric() || !b.isNumeric()) {
            return Form.NATIVE;
        }
        if (floating(a) || floating(b)) {
            return new Form(Form.Mode.FLOAT, decimals.orElse(6));
        }
        if (a.isInteger() && b.isInteger()) {
            return Form.NATIVE;
        }
        int places = Math.max(scale(a), scale(b));
        if (a.kind() == DataType.Kind.DECIMAL && b.kind() == DataType.Kind.DECIMAL && a.scale() == b.scale()
                && (decimals.isEmpty() || decimals.getAsInt() >= places)) {
            return Form.NATIVE; // both engines write a DECIMAL with all digits of its scale; no rounding needed
        }
        return new Form(Form.Mode.DECIMAL, decimals.orElse(places));
    }

    private static boolean floating(DataType t) {
        return t.kind() == DataType.Kind.REAL || t.kind() == DataType.Kind.DOUBLE;
    }

    private static int scale(DataType t) {
        return t.kind() == DataType.Kind.DECIMAL ? t.scale() : 0;
    }

    // ---- the function ----

    /** The canonical text of a non-NULL value of the column (NULL for NULL). */
    public final Sql value(Sql expr, Column col, Rules rules) {
        return switch (col.form().mode()) {
            case FLOAT -> floating(asDouble(expr, col.type()), col.form().places());
            case DECIMAL -> fixed(expr, col.type(), col.form().places());
            case NATIVE -> nativeText(expr, col, rules);
        };
    }

    /**
     * The canonical text of a row: key columns exact, then the compared columns by the rules, each
     * NULL written as U+001F, joined by U+001E.
     *
     * @param reference the (quoted) reference of a column in the query
     */
    public final Sql rowText(List<Column> key, List<Column> columns, Rules rules, Function<Column, Sql> reference) {
        List<Sql> out = new ArrayList<>();
        for (Column k : key) {
            Sql v = value(reference.apply(k), k, Rules.EXACT);
            out.add(k.nullable() ? orNullMark(v) : v);
        }
        for (Column c : columns) {
            Sql v = value(reference.apply(c), c, rules);
            out.add(c.nullable() ? orNullMark(v) : v);
        }
        return joinRowText(out);
    }

    /**
     * A canonical text as a query returns it to be compared in the JVM: the text itself, except
     * where the engine returns native values typed (MySQL), which cast to text here.
     */
    public Sql asText(Sql valueText) {
        return valueText;
    }

    /**
     * The aggregate digest of a group: the MD5 (lower-case hex) of its row texts joined by U+001D,
     * in the given order (or the engine's scan order when {@code orderBy} is empty).
     */
    public abstract Sql digest(Sql rowText, List<Sql> orderBy);

    /**
     * The text of a value that an example of a diff shows (NULL for NULL): binary as upper-case hex,
     * everything else as the engine writes it as text.
     */
    public abstract Sql display(Sql expr, DataType type);

    /**
     * A timestamp of the given type as text, in UTC, {@code YYYY-MM-DD HH:MM:SS} and then a point and
     * {@code precision} fractional digits (none at precision 0), cut, not rounded.
     */
    public abstract Sql timestamp(Sql expr, DataType type, int precision);

    /** Integer division of two integer expressions, rounding toward zero (key ranges are split by it). */
    public abstract Sql integerDivision(Sql a, Sql b);

    /** The remainder of two non-negative integer expressions. */
    public abstract Sql remainder(Sql a, Sql b);

    // ---- what each engine spells ----

    /**
     * The native text of a value: integers and same-scale decimals in decimal, dates, timestamps
     * ({@link #timestamp}), booleans {@code 1}/{@code 0}, binary in upper-case hex, strings and
     * every other type as text, strings normalised by the rules ({@link #normalisedString}).
     */
    protected abstract Sql nativeText(Sql expr, Column col, Rules rules);

    /** An exact number rounded to {@code places} in decimal arithmetic, half away from zero, written with exactly that many places. */
    protected abstract Sql fixed(Sql expr, DataType type, int places);

    /** The value as a double (a cast unless it is one already). */
    protected abstract Sql asDouble(Sql expr, DataType type);

    /** The value as a 64-bit integer. */
    protected abstract Sql toInteger(Sql expr);

    /** An integer as text, in decimal. */
    protected abstract Sql toText(Sql integerExpr);

    /** A boolean condition as the integer 1 or 0. */
    protected abstract Sql booleanToInteger(Sql condition);

    /** The base-2 logarithm of a positive double. */
    protected abstract Sql log2(Sql expr);

    /** Concatenation of texts that is NULL when any part is NULL. */
    protected abstract Sql concat(List<Sql> parts);

    /** A string literal of a constant text (only the texts this class writes: digits, letters, {@code :}, {@code -}). */
    protected abstract Sql literal(String text);

    /**
     * The cases a double has in this engine only, as {@code WHEN ... THEN ...} clauses giving
     * {@code 'nan'}, {@code 'inf'} and {@code '-inf'}; empty if the engine's doubles have none.
     */
    protected abstract Sql specialFloats(Sql x);

    /** A nullable value's text, or U+001F for NULL. */
    protected abstract Sql orNullMark(Sql valueText);

    /** The row text: the values' texts joined by U+001E. */
    protected abstract Sql joinRowText(List<Sql> values);

    // ---- shared ----

    /**
     * A floating-point value rounded to {@code d} places: below the magnitude where rounding can
     * merge doubles, the integer {@code FLOOR(x * 10^d + 0.5)}; from there on the double exactly, as
     * {@code e<k>:<m>} with {@code k = floor(log2 |x|)} (corrected with exact powers of two, so a
     * logarithm that is off by an ulp near a power of two cannot change it) and the integer
     * {@code m = x / 2^(k-53)}. Values just below the boundary that round up to it are written as the
     * boundary is above it.
     */
    private Sql floating(Sql x, int d) {
        int e = FLOAT_EXACT_EXPONENT[d];
        Sql boundary = number(pow2(e));
        BigDecimal boundaryScaled = pow2(e).movePointRight(d);
        // below boundary - 2 units, the rounding cannot reach the boundary (the product errs by at most 1)
        Sql safe = number(pow2(e).subtract(BigDecimal.ONE.movePointLeft(d).multiply(BigDecimal.valueOf(2))));
        Sql rounded = sql().sql("FLOOR(").append(x).sql(" * ").append(number(BigDecimal.ONE.movePointRight(d))).sql(" + 0.5)").build();
        Sql small = toInteger(rounded);
        Sql boundaryText = sql().sql("CASE WHEN ").append(x).sql(" > 0 THEN ").append(literal("e" + e + ":9007199254740992"))
                .sql(" ELSE ").append(literal("e" + e + ":-9007199254740992")).sql(" END").build();
        Sql abs = sql().sql("ABS(").append(x).sql(")").build();
        // log2 of the largest doubles rounds up to 1024, and 2^1024 overflows: clamp, and halve x rather than double the power
        Sql k0 = sql().sql("LEAST(FLOOR(").append(log2(abs)).sql("), 1023)").build();
        Sql k = sql().sql("(").append(k0).sql(" - ").append(booleanToInteger(sql().append(abs).sql(" < POWER(2, ").append(k0).sql(")").build()))
                .sql(" + ").append(booleanToInteger(sql().append(abs).sql(" / 2 >= POWER(2, ").append(k0).sql(")").build())).sql(")").build();
        Sql mantissa = toInteger(sql().append(x).sql(" / POWER(2, ").append(k).sql(" - 53)").build());
        Sql exact = concat(List.of(literal("e"), toText(toInteger(k)), literal(":"), toText(mantissa)));
        return sql().sql("(CASE ").append(specialFloats(x)).sql("WHEN ").append(abs).sql(" < ").append(safe).sql(" THEN ").append(toText(small))
                .sql(" WHEN ").append(abs).sql(" < ").append(boundary).sql(" THEN (CASE WHEN ABS(").append(rounded).sql(") >= ")
                .append(number(boundaryScaled)).sql(" THEN ").append(boundaryText).sql(" ELSE ").append(toText(small))
                .sql(" END) ELSE ").append(exact).sql(" END)").build();
    }

    /** A number literal, as a double ({@code e0}) so that every engine computes in floating point. */
    private Sql number(BigDecimal value) {
        return sql().sql(value.toPlainString()).sql("e0").build();
    }

    /**
     * A string trimmed and lower-cased as the rules ask: {@code TRIM} and {@code LOWER}, which every
     * engine spells alike.
     */
    public static Sql normalisedString(Sql expr, boolean trim, boolean caseFold) {
        Sql e = expr;
        if (trim) {
            e = new Sql("TRIM(" + e.text() + ")", e.parameters());
        }
        if (caseFold) {
            e = new Sql("LOWER(" + e.text() + ")", e.parameters());
        }
        return e;
    }

    /** {@link #normalisedString(Sql, boolean, boolean)} by the rules. */
    protected static Sql normalisedString(Sql expr, Rules rules) {
        return normalisedString(expr, rules.trim(), rules.caseFold());
    }

    /** The length of a timestamp text with {@code precision} fractional digits: 19, or 20 plus the digits. */
    protected static int timestampTextLength(int precision) {
        return precision == 0 ? 19 : 20 + precision;
    }
}
