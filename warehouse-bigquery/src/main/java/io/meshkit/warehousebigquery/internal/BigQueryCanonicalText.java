package io.meshkit.warehousebigquery.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.util.List;

/**
 * {@link CanonicalText} in GoogleSQL, imitating MySQL's text of each type: {@code DATETIME} and
 * {@code TIMESTAMP} (in UTC) formatted with six fractional digits and cut, {@code NUMERIC} written
 * with exactly the agreed places (or every digit of its scale), booleans {@code 1}/{@code 0}, bytes as
 * upper-case hex.
 */
final class BigQueryCanonicalText extends CanonicalText {
    /** The one instance. */
    static final BigQueryCanonicalText INSTANCE = new BigQueryCanonicalText();

    private BigQueryCanonicalText() {
        super(BigQueryDialect.INSTANCE);
    }

    @Override
    public Sql display(Sql expr, DataType type) {
        return BigQueryDialect.INSTANCE.displayText(expr, type);
    }

    @Override
    protected Sql nativeText(Sql expr, Column col, Rules rules) {
        return switch (col.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, REAL, DOUBLE, DATE -> string(expr);
            // a cast drops a NUMERIC's trailing zeros; MySQL writes every digit of the scale
            case DECIMAL -> sql().sql("FORMAT('%.").literal(col.type().scale()).sql("f', ").append(expr).sql(")").build();
            // IF(NULL, '1', '0') would be '0': a NULL stays NULL, as in MySQL
            case BOOLEAN -> sql().sql("(CASE WHEN ").append(expr).sql(" THEN '1' WHEN NOT ").append(expr).sql(" THEN '0' END)").build();
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, col.type(), rules.timestampPrecision());
            case BINARY -> sql().sql("UPPER(TO_HEX(").append(expr).sql("))").build();
            case VARCHAR -> normalisedString(expr, rules);
            case JSON -> normalisedString(sql().sql("TO_JSON_STRING(").append(expr).sql(")").build(), rules);
            case UUID, TIME -> normalisedString(string(expr), rules);
        };
    }

    private Sql string(Sql expr) {
        return sql().sql("CAST(").append(expr).sql(" AS STRING)").build();
    }

    /** A DATETIME, or a TIMESTAMP in UTC, as MySQL writes a {@code DATETIME(6)}, cut to the precision. */
    @Override
    public Sql timestamp(Sql expr, DataType type, int precision) {
        SqlBuilder text = sql();
        if (type.kind() == DataType.Kind.TIMESTAMP_TZ) {
            text.sql(precision == 0 ? "FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%S', " : "FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%E6S', ")
                    .append(expr).sql(", 'UTC')");
        } else {
            text.sql(precision == 0 ? "FORMAT_DATETIME('%Y-%m-%d %H:%M:%S', " : "FORMAT_DATETIME('%Y-%m-%d %H:%M:%E6S', ")
                    .append(expr).sql(")");
        }
        if (precision == 0 || precision == 6) {
            return text.build();
        }
        return sql().sql("SUBSTR(").append(text.build()).sql(", 1, ").literal(timestampTextLength(precision)).sql(")").build();
    }

    @Override
    protected Sql fixed(Sql expr, DataType type, int places) {
        // ROUND of a NUMERIC or BIGNUMERIC is exact, half away from zero; FORMAT then writes all the places
        return sql().sql("FORMAT('%.").literal(places).sql("f', ROUND(CAST(").append(expr).sql(" AS BIGNUMERIC), ").literal(places)
                .sql("))").build();
    }

    @Override
    protected Sql asDouble(Sql expr, DataType type) {
        return type.kind() == DataType.Kind.DOUBLE || type.kind() == DataType.Kind.REAL ? expr
                : sql().sql("CAST(").append(expr).sql(" AS FLOAT64)").build();
    }

    @Override
    protected Sql toInteger(Sql expr) {
        return sql().sql("CAST(").append(expr).sql(" AS INT64)").build();
    }

    @Override
    protected Sql toText(Sql integerExpr) {
        return string(integerExpr);
    }

    @Override
    protected Sql booleanToInteger(Sql condition) {
        return sql().sql("CAST(").append(condition).sql(" AS INT64)").build();
    }

    @Override
    protected Sql log2(Sql expr) {
        return sql().sql("LOG(").append(expr).sql(", 2)").build();
    }

    @Override
    protected Sql concat(List<Sql> parts) {
        return sql().sql("CONCAT(").appendAll(parts).sql(")").build();
    }

    @Override
    protected Sql literal(String text) {
        return Sql.of("'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'");
    }

    @Override
    protected Sql specialFloats(Sql x) {
        return sql().sql("WHEN IS_NAN(").append(x).sql(") THEN 'nan' WHEN IS_INF(").append(x).sql(") THEN (CASE WHEN ").append(x)
                .sql(" > 0 THEN 'inf' ELSE '-inf' END) ").build();
    }

    @Override
    protected Sql orNullMark(Sql valueText) {
        return sql().sql("IFNULL(").append(valueText).sql(", '\\x1f')").build();
    }

    @Override
    protected Sql joinRowText(List<Sql> values) {
        return sql().sql("ARRAY_TO_STRING([").appendAll(values).sql("], '\\x1e')").build();
    }

    @Override
    public Sql digest(Sql rowText, List<Sql> orderBy) {
        SqlBuilder b = sql().sql("TO_HEX(MD5(STRING_AGG(").append(rowText).sql(", '\\x1d'");
        if (!orderBy.isEmpty()) {
            b.sql(" ORDER BY ").appendAll(orderBy);
        }
        return b.sql(")))").build();
    }

    @Override
    public Sql integerDivision(Sql a, Sql b) {
        return sql().sql("DIV(").append(a).sql(", ").append(b).sql(")").build();
    }

    @Override
    public Sql remainder(Sql a, Sql b) {
        return sql().sql("MOD(").append(a).sql(", ").append(b).sql(")").build();
    }
}
