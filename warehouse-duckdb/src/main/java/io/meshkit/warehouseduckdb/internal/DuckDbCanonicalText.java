package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.WarehouseCanonicalText;

/** {@link WarehouseCanonicalText} in DuckDB's SQL, imitating MySQL's text of each type. */
final class DuckDbCanonicalText extends WarehouseCanonicalText {
    /** The one instance. */
    static final DuckDbCanonicalText INSTANCE = new DuckDbCanonicalText();

    private DuckDbCanonicalText() {
        super(DuckDbDialect.INSTANCE);
    }

    @Override
    protected Sql formatTimestamp(Sql expr, DataType type, boolean fraction) {
        // a TIMESTAMPTZ is converted in UTC whatever the session's time zone
        SqlBuilder text = sql().sql("strftime(");
        if (type.kind() == DataType.Kind.TIMESTAMP_TZ) {
            text.sql("timezone('UTC', ").append(expr).sql(")");
        } else {
            text.sql("CAST(").append(expr).sql(" AS TIMESTAMP)");
        }
        return text.sql(fraction ? ", '%Y-%m-%d %H:%M:%S.%f')" : ", '%Y-%m-%d %H:%M:%S')").build();
    }

    @Override
    protected Sql fixed(Sql expr, DataType type, int places) {
        // round in decimal arithmetic (half away from zero, as MySQL rounds exact values), never in floating point
        int scale = Math.max(places, type.kind() == DataType.Kind.DECIMAL ? type.scale() : 0);
        return sql().sql("CAST(CAST(round(CAST(").append(expr).sql(" AS DECIMAL(38, ").literal(scale).sql(")), ").literal(places)
                .sql(") AS DECIMAL(38, ").literal(places).sql(")) AS VARCHAR)").build();
    }

    @Override
    protected Sql log2(Sql expr) {
        return sql().sql("log2(").append(expr).sql(")").build();
    }

    @Override
    protected Sql specialFloats(Sql x) {
        return sql().sql("WHEN isnan(").append(x).sql(") THEN 'nan' WHEN isinf(").append(x).sql(") THEN (CASE WHEN ").append(x)
                .sql(" > 0 THEN 'inf' ELSE '-inf' END) ").build();
    }

    @Override
    public Sql integerDivision(Sql a, Sql b) {
        return sql().sql("(").append(a).sql(" // ").append(b).sql(")").build();
    }
}
