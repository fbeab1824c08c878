package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.util.List;

/** {@link CanonicalText} in DuckDB's SQL, imitating MySQL's text of each type. */
final class DuckDbCanonicalText extends CanonicalText {
    /** The one instance. */
    static final DuckDbCanonicalText INSTANCE = new DuckDbCanonicalText();

    private DuckDbCanonicalText() {
        super(DuckDbDialect.INSTANCE);
    }

    @Override
    public Sql display(Sql expr, DataType type) {
        return DuckDbDialect.INSTANCE.displayText(expr, type);
    }

    @Override
    protected Sql nativeText(Sql expr, Column col, Rules rules) {
        return switch (col.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, DECIMAL, REAL, DOUBLE, DATE -> varchar(expr);
            case BOOLEAN -> sql().sql("(CASE WHEN ").append(expr).sql(" THEN '1' WHEN NOT ").append(expr).sql(" THEN '0' END)").build();
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, col.type(), rules.timestampPrecision());
            case BINARY -> sql().sql("hex(").append(expr).sql(")").build();
            case VARCHAR -> normalisedString(expr, rules);
            case JSON, UUID, TIME -> normalisedString(varchar(expr), rules);
        };
    }

    private Sql varchar(Sql expr) {
        return sql().sql("CAST(").append(expr).sql(" AS VARCHAR)").build();
    }

    /** A timestamp in UTC as MySQL writes a {@code DATETIME(6)}, cut to the precision. */
    @Override
    public Sql timestamp(Sql expr, DataType type, int precision) {
        // a TIMESTAMPTZ is converted in UTC whatever the session's time zone
        SqlBuilder text = sql().sql("strftime(");
        if (type.kind() == DataType.Kind.TIMESTAMP_TZ) {
            text.sql("timezone('UTC', ").append(expr).sql(")");
        } else {
            text.sql("CAST(").append(expr).sql(" AS TIMESTAMP)");
        }
        text.sql(precision == 0 ? ", '%Y-%m-%d %H:%M:%S')" : ", '%Y-%m-%d %H:%M:%S.%f')");
        if (precision == 0 || precision == 6) {
            return text.build();
        }
        return sql().sql("substr(").append(text.build()).sql(", 1, ").literal(timestampTextLength(precision)).sql(")").build();
    }

    @Override
    protected Sql fixed(Sql expr, DataType type, int places) {
        // round in decimal arithmetic (half away from zero, as MySQL rounds exact values), never in floating point
        int scale = Math.max(places, type.kind() == DataType.Kind.DECIMAL ? type.scale() : 0);
        return sql().sql("CAST(CAST(round(CAST(").append(expr).sql(" AS DECIMAL(38, ").literal(scale).sql(")), ").literal(places)
                .sql(") AS DECIMAL(38, ").literal(places).sql(")) AS VARCHAR)").build();
    }

    @Override
    protected Sql asDouble(Sql expr, DataType type) {
        return type.kind() == DataType.Kind.DOUBLE ? expr : sql().sql("CAST(").append(expr).sql(" AS DOUBLE)").build();
    }

    @Override
    protected Sql toInteger(Sql expr) {
        return sql().sql("CAST(").append(expr).sql(" AS BIGINT)").build();
    }

    @Override
    protected Sql toText(Sql integerExpr) {
        return varchar(integerExpr);
    }

    @Override
    protected Sql booleanToInteger(Sql condition) {
        return sql().sql("CAST(").append(condition).sql(" AS INTEGER)").build();
    }

    @Override
    protected Sql log2(Sql expr) {
        return sql().sql("log2(").append(expr).sql(")").build();
    }

    @Override
    protected Sql concat(List<Sql> parts) {
        SqlBuilder b = sql().sql("(");
        b.join(parts, " || ", b::append); // || is NULL when a part is; concat() would skip it
        return b.sql(")").build();
    }

    @Override
    protected Sql literal(String text) {
        return Sql.of("'" + text.replace("'", "''") + "'");
    }

    @Override
    protected Sql specialFloats(Sql x) {
        return sql().sql("WHEN isnan(").append(x).sql(") THEN 'nan' WHEN isinf(").append(x).sql(") THEN (CASE WHEN ").append(x)
                .sql(" > 0 THEN 'inf' ELSE '-inf' END) ").build();
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

    @Override
    public Sql integerDivision(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" // ").append(b).sql(")").build();
    }

    @Override
    public Sql remainder(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" % ").append(b).sql(")").build();
    }
}
