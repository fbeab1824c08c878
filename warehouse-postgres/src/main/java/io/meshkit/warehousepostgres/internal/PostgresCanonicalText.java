package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.WarehouseCanonicalText;

/**
 * {@link WarehouseCanonicalText} in PostgreSQL's SQL, imitating MySQL's text of each type as the other
 * warehouses do. DateStyle is ISO (set per connection), so a date's text is YYYY-MM-DD; a numeric's
 * text keeps every digit of its scale.
 */
final class PostgresCanonicalText extends WarehouseCanonicalText {
    /** The one instance. */
    static final PostgresCanonicalText INSTANCE = new PostgresCanonicalText();

    private PostgresCanonicalText() {
        super(PostgresDialect.INSTANCE);
    }

    @Override
    protected Sql formatTimestamp(Sql expr, DataType type, boolean fraction) {
        SqlBuilder text = sql().sql("to_char(");
        if (type.kind() == DataType.Kind.TIMESTAMP_TZ) {
            text.sql("(").append(expr).sql(") AT TIME ZONE 'UTC'");
        } else {
            text.sql("CAST(").append(expr).sql(" AS timestamp)");
        }
        return text.sql(fraction ? ", 'YYYY-MM-DD HH24:MI:SS.US')" : ", 'YYYY-MM-DD HH24:MI:SS')").build();
    }

    /** {@code round} on numeric rounds half away from zero and keeps exactly {@code places} digits. */
    @Override
    protected Sql fixed(Sql expr, DataType type, int places) {
        return sql().sql("CAST(round(CAST(").append(expr).sql(" AS numeric), ").literal(places).sql(") AS text)").build();
    }

    @Override
    protected Sql log2(Sql expr) {
        return sql().sql("(ln(").append(expr).sql(") / ln(CAST(2 AS double precision)))").build();
    }

    @Override
    protected Sql literal(String text) {
        return PostgresDialect.INSTANCE.cast(super.literal(text), DataType.VARCHAR);
    }

    @Override
    protected Sql specialFloats(Sql x) {
        return sql().sql("WHEN ").append(x).sql(" = CAST('NaN' AS double precision) THEN 'nan' WHEN ").append(x)
                .sql(" = CAST('Infinity' AS double precision) THEN 'inf' WHEN ").append(x)
                .sql(" = CAST('-Infinity' AS double precision) THEN '-inf' ").build();
    }

    /** Integer division of integers truncates toward zero in PostgreSQL, as the contract asks. */
    @Override
    public Sql integerDivision(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" / ").append(b).sql(")").build();
    }
}
