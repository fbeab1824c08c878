package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.type.DataType;
import java.util.List;

/**
 * {@link CanonicalText} as a warehouse spells it: the engine-neutral rules written once, in terms of the
 * warehouse's {@link Dialect} (its casts and type names, {@link Dialect#text}, {@link Dialect#hex},
 * {@link Dialect#displayText}) and of the few pieces a warehouse spells itself: a timestamp's format, a
 * decimal's rounding, a logarithm, integer division and the special doubles. The other pieces default to
 * the spelling most engines share ({@code ||}, {@code COALESCE}, {@code concat_ws}, {@code md5} of a
 * {@code STRING_AGG}, {@code chr(n)}, {@code %}); a warehouse overrides the ones it spells differently.
 */
public abstract class WarehouseCanonicalText extends CanonicalText {
    private final Dialect dialect;

    /**
     * The canonical text of a warehouse that speaks this dialect.
     *
     * @param dialect the warehouse's dialect: its quoting, casts and texts
     */
    protected WarehouseCanonicalText(Dialect dialect) {
        super(dialect);
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    @Override
    public Sql display(Sql expr, DataType type) {
        return dialect.displayText(expr, type);
    }

    /**
     * Numbers and dates as the engine writes them as text (a decimal through {@link #decimalText}),
     * booleans {@code 1}/{@code 0}, binary in upper-case hex, strings and the other types as text,
     * normalised by the rules; nested values as a whole.
     */
    @Override
    protected Sql nativeText(Sql expr, Column col, Rules rules) {
        DataType type = col.type();
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, REAL, DOUBLE, DATE -> dialect.text(expr, type);
            case DECIMAL -> decimalText(expr, type);
            // not IF(x, '1', '0'), which is '0' for NULL: a NULL stays NULL, as in MySQL
            case BOOLEAN -> sql().sql("(CASE WHEN ").append(expr).sql(" THEN '1' WHEN NOT ").append(expr).sql(" THEN '0' END)").build();
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, type, rules.timestampPrecision());
            case BINARY -> dialect.hex(expr);
            case VARCHAR -> normalisedString(expr, rules);
            case JSON, UUID, TIME, STRUCT, ARRAY, MAP -> normalisedString(dialect.text(expr, type), rules);
        };
    }

    /** A decimal of the column's scale with every digit of the scale; the default is the engine's text of it. */
    protected Sql decimalText(Sql expr, DataType type) {
        return dialect.text(expr, type);
    }

    /** The timestamp as {@link #formatTimestamp} writes it with six digits (none at precision 0), cut to the precision. */
    @Override
    public final Sql timestamp(Sql expr, DataType type, int precision) {
        Sql text = formatTimestamp(expr, type, precision > 0);
        if (precision == 0 || precision == 6) {
            return text;
        }
        return sql().sql("SUBSTR(").append(text).sql(", 1, ").literal(timestampTextLength(precision)).sql(")").build();
    }

    /**
     * A timestamp of the given type (a {@code TIMESTAMP_TZ} in UTC) as {@code YYYY-MM-DD HH:MM:SS}, followed
     * by a point and six fractional digits when {@code fraction} is set.
     */
    protected abstract Sql formatTimestamp(Sql expr, DataType type, boolean fraction);

    /** A cast to the engine's double unless the value is held in one already (as a REAL is on some engines). */
    @Override
    protected Sql asDouble(Sql expr, DataType type) {
        boolean isDouble = type.kind() == DataType.Kind.DOUBLE
                || type.kind() == DataType.Kind.REAL && dialect.typeName(type).equals(dialect.typeName(DataType.DOUBLE));
        return isDouble ? expr : dialect.cast(expr, DataType.DOUBLE);
    }

    @Override
    protected Sql toInteger(Sql expr) {
        return dialect.cast(expr, DataType.BIGINT);
    }

    @Override
    protected Sql toText(Sql integerExpr) {
        return dialect.cast(integerExpr, DataType.VARCHAR);
    }

    @Override
    protected Sql booleanToInteger(Sql condition) {
        return dialect.cast(condition, DataType.INTEGER);
    }

    /** {@code (a || b || ...)}, which is NULL when a part is ({@code concat()} would skip it on some engines). */
    @Override
    protected Sql concat(List<Sql> parts) {
        SqlBuilder b = sql().sql("(");
        b.join(parts, " || ", b::append);
        return b.sql(")").build();
    }

    /** A standard string literal, quotes doubled. */
    @Override
    protected Sql literal(String text) {
        return Sql.of("'" + text.replace("'", "''") + "'");
    }

    @Override
    protected Sql orNullMark(Sql valueText) {
        return sql().sql("COALESCE(").append(valueText).sql(", ").append(controlCharacter(31)).sql(")").build();
    }

    @Override
    protected Sql joinRowText(List<Sql> values) {
        return sql().sql("concat_ws(").append(controlCharacter(30)).sql(", ").appendAll(values).sql(")").build();
    }

    /** {@link #md5Hex} of the row texts aggregated with {@code STRING_AGG}, separated by U+001D. */
    @Override
    public Sql digest(Sql rowText, List<Sql> orderBy) {
        SqlBuilder b = sql().sql("STRING_AGG(").append(rowText).sql(", ").append(controlCharacter(29));
        if (!orderBy.isEmpty()) {
            b.sql(" ORDER BY ").appendAll(orderBy);
        }
        return md5Hex(b.sql(")").build());
    }

    /** The lower-case hex MD5 of a text; the default is {@code md5(text)}. */
    protected Sql md5Hex(Sql text) {
        return sql().sql("md5(").append(text).sql(")").build();
    }

    /** A one-character string of a control character (U+001D to U+001F); the default is {@code chr(code)}. */
    protected Sql controlCharacter(int code) {
        return sql().sql("chr(").literal(code).sql(")").build();
    }

    @Override
    public Sql remainder(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" % ").append(b).sql(")").build();
    }
}
