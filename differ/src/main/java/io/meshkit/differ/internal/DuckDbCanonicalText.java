package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.internal.RowShape.Col;
import java.util.List;

/** {@link CanonicalText} in DuckDB's SQL, imitating MySQL's text of each type. */
public final class DuckDbCanonicalText extends CanonicalText {
    /** The one instance. */
    public static final DuckDbCanonicalText INSTANCE = new DuckDbCanonicalText();

    private DuckDbCanonicalText() {}

    @Override
    public String display(String expr, Col col) {
        return col.type().kind() == DataType.Kind.BINARY ? "hex(" + expr + ")" : "CAST(" + expr + " AS VARCHAR)";
    }

    @Override
    String nativeText(String expr, Col col, Normalisation n) {
        return switch (col.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, DECIMAL, REAL, DOUBLE -> "CAST(" + expr + " AS VARCHAR)";
            case BOOLEAN -> "(CASE WHEN " + expr + " THEN '1' WHEN NOT " + expr + " THEN '0' END)";
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, col.type(), n.timestampPrecision());
            case DATE -> "CAST(" + expr + " AS VARCHAR)";
            case BINARY -> "hex(" + expr + ")";
            case VARCHAR -> string(expr, n);
            case JSON, UUID, TIME, STRUCT, ARRAY, MAP -> string("CAST(" + expr + " AS VARCHAR)", n);
        };
    }

    /** A timestamp in UTC as MySQL writes a {@code DATETIME(6)}, cut to the precision. */
    static String timestamp(String expr, DataType type, int precision) {
        // a TIMESTAMPTZ is converted in UTC whatever the session's time zone
        String utc = type.kind() == DataType.Kind.TIMESTAMP_TZ ? "timezone('UTC', " + expr + ")" : "CAST(" + expr + " AS TIMESTAMP)";
        String text = "strftime(" + utc + ", '%Y-%m-%d %H:%M:%S" + (precision == 0 ? "" : ".%f") + "')";
        return precision == 0 || precision == 6 ? text : "substr(" + text + ", 1, " + timestampFormatLength(precision) + ")";
    }

    @Override
    String fixed(String expr, Col col, int places) {
        // round in decimal arithmetic (half away from zero, as MySQL rounds exact values), never in floating point
        int scale = Math.max(places, col.type().kind() == DataType.Kind.DECIMAL ? col.type().scale() : 0);
        return "CAST(CAST(round(CAST(" + expr + " AS DECIMAL(38, " + scale + ")), " + places + ") AS DECIMAL(38, " + places + ")) AS VARCHAR)";
    }

    @Override
    String asDouble(String expr, Col col) {
        return col.type().kind() == DataType.Kind.DOUBLE ? expr : "CAST(" + expr + " AS DOUBLE)";
    }

    @Override
    String toInteger(String expr) {
        return "CAST(" + expr + " AS BIGINT)";
    }

    @Override
    String toText(String integerExpr) {
        return "CAST(" + integerExpr + " AS VARCHAR)";
    }

    @Override
    String booleanToInteger(String condition) {
        return "CAST(" + condition + " AS INTEGER)";
    }

    @Override
    String log2(String expr) {
        return "log2(" + expr + ")";
    }

    @Override
    String concat(List<String> parts) {
        return "(" + String.join(" || ", parts) + ")"; // || is NULL when a part is; concat() would skip it
    }

    @Override
    String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    String specialFloats(String x) {
        return "WHEN isnan(" + x + ") THEN 'nan' WHEN isinf(" + x + ") THEN (CASE WHEN " + x + " > 0 THEN 'inf' ELSE '-inf' END) ";
    }

    @Override
    String orNullMark(String valueText) {
        return "coalesce(" + valueText + ", chr(31))";
    }

    @Override
    String rowText(List<String> values) {
        return "concat_ws(chr(30), " + String.join(", ", values) + ")";
    }

    @Override
    public String digest(String rowText, List<String> orderBy) {
        return "md5(string_agg(" + rowText + ", chr(29)" + (orderBy.isEmpty() ? "" : " ORDER BY " + String.join(", ", orderBy)) + "))";
    }

    @Override
    public String integerDivision(String a, String b) {
        return "(" + a + " // " + b + ")";
    }

    @Override
    public String remainder(String a, String b) {
        return "(" + a + " % " + b + ")";
    }
}
