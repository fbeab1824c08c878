package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link CanonicalText} in MySQL's (and MariaDB's) SQL; the session runs in UTC with utf8mb4. MySQL is
 * a source here, not a warehouse, so this spelling lives beside the differ's MySQL reader. Values
 * enter the row text as MySQL writes them wherever that is the canonical text (a column reference
 * costs nothing more), and the digest is one {@code MD5(GROUP_CONCAT(...))} per range. The few
 * constant texts the function needs are bound, as every value is.
 */
public final class MySqlCanonicalText extends CanonicalText {
    /** The one instance. */
    public static final MySqlCanonicalText INSTANCE = new MySqlCanonicalText();

    private static final Pattern FRACTION = Pattern.compile("\\((\\d)\\)");

    private MySqlCanonicalText() {
        super(MySqlQuoting.INSTANCE);
    }

    @Override
    public Sql asText(Sql valueText) {
        return sql().sql("CAST(").append(valueText).sql(" AS CHAR)").build();
    }

    @Override
    public Sql display(Sql expr, DataType type) {
        return type.kind() == DataType.Kind.BINARY ? sql().sql("HEX(").append(expr).sql(")").build()
                : sql().sql("CAST(").append(expr).sql(" AS CHAR)").build();
    }

    @Override
    protected Sql nativeText(Sql expr, Column col, Rules rules) {
        String engine = col.engineType().toLowerCase(Locale.ROOT);
        return switch (col.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, BOOLEAN, DECIMAL, REAL, DOUBLE ->
                    engine.startsWith("bit") ? sql().sql("(").append(expr).sql(" + 0)").build() : expr;
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, fraction(engine), rules.timestampPrecision());
            case DATE -> expr;
            case BINARY -> sql().sql("HEX(").append(expr).sql(")").build();
            case VARCHAR, JSON, UUID, TIME -> normalisedString(expr, rules);
        };
    }

    /** Fractional-second digits of a MySQL temporal type, e.g. 3 for {@code datetime(3)}. */
    private static int fraction(String engineType) {
        Matcher m = FRACTION.matcher(engineType);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** MySQL writes a {@code DATETIME(f)} with exactly f digits: pad or cut that text instead of formatting. */
    private Sql timestamp(Sql expr, int digits, int precision) {
        if (digits == precision) {
            return expr;
        }
        if (digits < precision) {
            return sql().sql("CONCAT(").append(expr).sql(", ").bind((digits == 0 ? "." : "") + "0".repeat(precision - digits)).sql(")").build();
        }
        return sql().sql("LEFT(").append(expr).sql(", ").literal(timestampTextLength(precision)).sql(")").build();
    }

    /** Any DATETIME or TIMESTAMP (in the session's zone, UTC) formatted with six digits, then cut. */
    @Override
    public Sql timestamp(Sql expr, DataType type, int precision) {
        SqlBuilder b = sql().sql("LEFT(DATE_FORMAT(").append(expr).sql(", '%Y-%m-%d %H:%i:%s.%f'), ");
        return b.literal(timestampTextLength(precision)).sql(")").build();
    }

    @Override
    protected Sql fixed(Sql expr, DataType type, int places) {
        // ROUND of an exact number is exact, half away from zero, as in the warehouses
        return sql().sql("CAST(ROUND(").append(expr).sql(", ").literal(places).sql(") AS DECIMAL(65, ").literal(places).sql("))").build();
    }

    @Override
    protected Sql asDouble(Sql expr, DataType type) {
        return type.kind() == DataType.Kind.REAL || type.kind() == DataType.Kind.DOUBLE ? expr
                : sql().sql("CAST(").append(expr).sql(" AS DOUBLE)").build();
    }

    @Override
    protected Sql toInteger(Sql expr) {
        return sql().sql("CAST(").append(expr).sql(" AS SIGNED)").build();
    }

    @Override
    protected Sql toText(Sql integerExpr) {
        return integerExpr; // MySQL converts implicitly
    }

    @Override
    protected Sql booleanToInteger(Sql condition) {
        return sql().sql("(").append(condition).sql(")").build();
    }

    @Override
    protected Sql log2(Sql expr) {
        return sql().sql("LOG2(").append(expr).sql(")").build();
    }

    @Override
    protected Sql concat(List<Sql> parts) {
        return sql().sql("CONCAT(").appendAll(parts).sql(")").build();
    }

    @Override
    protected Sql literal(String text) {
        return sql().bind(text).build();
    }

    @Override
    protected Sql specialFloats(Sql x) {
        return Sql.of(""); // MySQL has no NaN or infinity in a column
    }

    @Override
    protected Sql orNullMark(Sql valueText) {
        return sql().sql("IFNULL(").append(valueText).sql(", _utf8mb4 X'1F')").build();
    }

    @Override
    protected Sql joinRowText(List<Sql> values) {
        return sql().sql("CONCAT_WS(_utf8mb4 X'1E', ").appendAll(values).sql(")").build();
    }

    /**
     * {@code MD5(GROUP_CONCAT(row ORDER BY ... SEPARATOR U+001D))}; without an order the rows come
     * in scan order, which is key order for a range of an InnoDB primary key. A text longer than
     * the session allows is cut or NULL, which can only make the digest differ from the other
     * side's, never agree with it.
     */
    @Override
    public Sql digest(Sql rowText, List<Sql> orderBy) {
        SqlBuilder b = sql().sql("MD5(GROUP_CONCAT(").append(rowText);
        if (!orderBy.isEmpty()) {
            b.sql(" ORDER BY ").appendAll(orderBy);
        }
        return b.sql(" SEPARATOR '\u001d'))").build();
    }

    @Override
    public Sql integerDivision(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" DIV ").append(b).sql(")").build();
    }

    @Override
    public Sql remainder(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" % ").append(b).sql(")").build();
    }
}
