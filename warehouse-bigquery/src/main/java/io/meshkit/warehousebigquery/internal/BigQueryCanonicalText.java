package io.meshkit.warehousebigquery.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.WarehouseCanonicalText;
import java.util.List;

/**
 * {@link WarehouseCanonicalText} in GoogleSQL, imitating MySQL's text of each type: {@code DATETIME} and
 * {@code TIMESTAMP} (in UTC) formatted with six fractional digits and cut, {@code NUMERIC} written
 * with exactly the agreed places (or every digit of its scale), booleans {@code 1}/{@code 0}, bytes as
 * upper-case hex, nested values as their JSON text.
 */
final class BigQueryCanonicalText extends WarehouseCanonicalText {
    /** The one instance. */
    static final BigQueryCanonicalText INSTANCE = new BigQueryCanonicalText();

    private BigQueryCanonicalText() {
        super(BigQueryDialect.INSTANCE);
    }

    /** A cast drops a NUMERIC's trailing zeros; MySQL writes every digit of the scale. */
    @Override
    protected Sql decimalText(Sql expr, DataType type) {
        return sql().sql("FORMAT('%.").literal(type.scale()).sql("f', ").append(expr).sql(")").build();
    }

    /** A DATETIME, or a TIMESTAMP in UTC. */
    @Override
    protected Sql formatTimestamp(Sql expr, DataType type, boolean fraction) {
        String format = fraction ? "'%Y-%m-%d %H:%M:%E6S', " : "'%Y-%m-%d %H:%M:%S', ";
        if (type.kind() == DataType.Kind.TIMESTAMP_TZ) {
            return sql().sql("FORMAT_TIMESTAMP(" + format).append(expr).sql(", 'UTC')").build();
        }
        return sql().sql("FORMAT_DATETIME(" + format).append(expr).sql(")").build();
    }

    @Override
    protected Sql fixed(Sql expr, DataType type, int places) {
        // ROUND of a NUMERIC or BIGNUMERIC is exact, half away from zero; FORMAT then writes all the places
        return sql().sql("FORMAT('%.").literal(places).sql("f', ROUND(CAST(").append(expr).sql(" AS BIGNUMERIC), ").literal(places)
                .sql("))").build();
    }

    @Override
    protected Sql log2(Sql expr) {
        return sql().sql("LOG(").append(expr).sql(", 2)").build();
    }

    @Override
    protected Sql concat(List<Sql> parts) {
        return sql().sql("CONCAT(").appendAll(parts).sql(")").build();
    }

    /** GoogleSQL escapes a quote and a backslash with a backslash. */
    @Override
    protected Sql literal(String text) {
        return Sql.of("'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'");
    }

    @Override
    protected Sql specialFloats(Sql x) {
        return sql().sql("WHEN IS_NAN(").append(x).sql(") THEN 'nan' WHEN IS_INF(").append(x).sql(") THEN (CASE WHEN ").append(x)
                .sql(" > 0 THEN 'inf' ELSE '-inf' END) ").build();
    }

    /** GoogleSQL has no {@code concat_ws}: the texts as an array, joined. */
    @Override
    protected Sql joinRowText(List<Sql> values) {
        return sql().sql("ARRAY_TO_STRING([").appendAll(values).sql("], ").append(controlCharacter(30)).sql(")").build();
    }

    @Override
    protected Sql md5Hex(Sql text) {
        return sql().sql("TO_HEX(MD5(").append(text).sql("))").build();
    }

    /** A string literal with a {@code \x} escape. */
    @Override
    protected Sql controlCharacter(int code) {
        return Sql.of(String.format("'\\x%02x'", code));
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
