package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.util.List;

/** {@link CanonicalText} in PostgreSQL's SQL, imitating MySQL's text of each type as the other warehouses do. */
final class PostgresCanonicalText extends CanonicalText {
    /** The one instance. */
    static final PostgresCanonicalText INSTANCE = new PostgresCanonicalText();

    private PostgresCanonicalText() {
        super(PostgresDialect.INSTANCE);
    }

    @Override
    public Sql display(Sql expr, DataType type) {
        return PostgresDialect.INSTANCE.displayText(expr, type);
    }

    @Override
    protected Sql nativeText(Sql expr, Column col, Rules rules) {
        return switch (col.type().kind()) {
            // DateStyle is ISO (set per connection), so a date is YYYY-MM-DD; a numeric keeps every digit of its scale
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, DECIMAL, REAL, DOUBLE, DATE -> text(expr);
            case BOOLEAN -> sql().sql("(CASE WHEN ").append(expr).sql(" THEN '1' WHEN NOT ").append(expr).sql(" THEN '0' END)").build();
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, col.type(), rules.timestampPrecision());
            case BINARY -> sql().sql("upper(encode(").append(expr).sql(", 'hex'))").build();
            case VARCHAR -> normalisedString(expr, rules);
            case JSON, UUID, TIME, STRUCT, ARRAY, MAP -> normalisedString(text(expr), rules); // nested: as a whole
        };
    }

    private Sql text(Sql expr) {
        return sql().sql("CAST(").append(expr).sql(" AS text)").build();
    }

    /** A timestamp in UTC as MySQL writes a {@code DATETIME(6)}, cut to the precision. */
    @Override
    public Sql timestamp(Sql expr, DataType type, int precision) {
        SqlBuilder text = sql().sql("to_char(");
        if (type.kind() == DataType.Kind.TIMESTAMP_TZ) {
            text.sql("(").append(expr).sql(") AT TIME ZONE 'UTC'");
        } else {
            text.sql("CAST(").append(expr).sql(" AS timestamp)");
        }
        text.sql(precision == 0 ? ", 'YYYY-MM-DD HH24:MI:SS')" : ", 'YYYY-MM-DD HH24:MI:SS.US')");
        if (precision == 0 || precision == 6) {
            return text.build();
        }
        return sql().sql("substr(").append(text.build()).sql(", 1, ").literal(timestampTextLength(precision)).sql(")").build();
    }

    /** {@code round} on numeric rounds half away from zero and keeps exactly {@code places} digits. */
    @Override
    protected Sql fixed(Sql expr, DataType type, int places) {
        return sql().sql("CAST(round(CAST(").append(expr).sql(" AS numeric), ").literal(places).sql(") AS text)").build();
    }

    @Override
    protected Sql asDouble(Sql expr, DataType type) {
        return type.kind() == DataType.Kind.DOUBLE ? expr : sql().sql("CAST(").append(expr).sql(" AS double precision)").build();
    }

    @Override
    protected Sql toInteger(Sql expr) {
        return sql().sql("CAST(").append(expr).sql(" AS bigint)").build();
    }

    @Override
    protected Sql toText(Sql integerExpr) {
        return text(integerExpr);
    }

    @Override
    protected Sql booleanToInteger(Sql condition) {
        return sql().sql("CAST(").append(condition).sql(" AS integer)").build();
    }

    @Override
    protected Sql log2(Sql expr) {
        return sql().sql("(ln(").append(expr).sql(") / ln(CAST(2 AS double precision)))").build();
    }

    @Override
    protected Sql concat(List<Sql> parts) {
        SqlBuilder b = sql().sql("(");
        b.join(parts, " || ", b::append); // || is NULL when a part is; concat() would skip it
        return b.sql(")").build();
    }

    @Override
    protected Sql literal(String text) {
        return Sql.of("CAST('" + text.replace("'", "''") + "' AS text)");
    }

    @Override
    protected Sql specialFloats(Sql x) {
        return sql().sql("WHEN ").append(x).sql(" = CAST('NaN' AS double precision) THEN 'nan' WHEN ").append(x)
                .sql(" = CAST('Infinity' AS double precision) THEN 'inf' WHEN ").append(x)
                .sql(" = CAST('-Infinity' AS double precision) THEN '-inf' ").build();
    }

    @Override
    protected Sql orNullMark(Sql valueText) {
        return sql().sql("coalesce(").append(valueText).sql(", chr(31))").build();
    }

    @Override
    protected Sql joinRowText(List<Sql> values) {
        return sql().sql("concat_ws(chr(30), ").appendAll(values).sql(")").build();
    }

    @Override
    public Sql digest(Sql rowText, List<Sql> orderBy) {
        SqlBuilder b = sql().sql("md5(string_agg(").append(rowText).sql(", chr(29)");
        if (!orderBy.isEmpty()) {
            b.sql(" ORDER BY ").appendAll(orderBy);
        }
        return b.sql("))").build();
    }

    /** Integer division of integers truncates toward zero in PostgreSQL, as the contract asks. */
    @Override
    public Sql integerDivision(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" / ").append(b).sql(")").build();
    }

    @Override
    public Sql remainder(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" % ").append(b).sql(")").build();
    }
}
