package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.internal.RowShape.Col;
import java.util.List;

/**
 * {@link CanonicalText} in GoogleSQL, imitating MySQL's text of each type: {@code DATETIME} and
 * {@code TIMESTAMP} (in UTC) formatted with six fractional digits and cut, {@code NUMERIC} written
 * with exactly the agreed places, booleans {@code 1}/{@code 0}, bytes as upper-case hex.
 */
public final class BigQueryCanonicalText extends CanonicalText {
    /** The one instance. */
    public static final BigQueryCanonicalText INSTANCE = new BigQueryCanonicalText();

    private BigQueryCanonicalText() {}

    @Override
    public String display(String expr, Col col) {
        return switch (col.type().kind()) {
            case BINARY -> "UPPER(TO_HEX(" + expr + "))";
            case JSON, STRUCT, ARRAY, MAP -> "TO_JSON_STRING(" + expr + ")";
            default -> "CAST(" + expr + " AS STRING)";
        };
    }

    @Override
    String nativeText(String expr, Col col, Normalisation n) {
        return switch (col.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, DECIMAL, REAL, DOUBLE, DATE -> "CAST(" + expr + " AS STRING)";
            case BOOLEAN -> "IF(" + expr + ", '1', '0')";
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, col.type(), n.timestampPrecision());
            case BINARY -> "UPPER(TO_HEX(" + expr + "))";
            case VARCHAR -> string(expr, n);
            case JSON, STRUCT, ARRAY, MAP -> string("TO_JSON_STRING(" + expr + ")", n); // nested values as a whole
            case UUID, TIME -> string("CAST(" + expr + " AS STRING)", n);
        };
    }

    /** A DATETIME, or a TIMESTAMP in UTC, as MySQL writes a {@code DATETIME(6)}, cut to the precision. */
    static String timestamp(String expr, DataType type, int precision) {
        String format = "'%Y-%m-%d %H:%M:" + (precision == 0 ? "%S" : "%E6S") + "'";
        String text = type.kind() == DataType.Kind.TIMESTAMP_TZ ? "FORMAT_TIMESTAMP(" + format + ", " + expr + ", 'UTC')"
                : "FORMAT_DATETIME(" + format + ", " + expr + ")";
        return precision == 0 || precision == 6 ? text : "SUBSTR(" + text + ", 1, " + timestampFormatLength(precision) + ")";
    }

    @Override
    String fixed(String expr, Col col, int places) {
        // ROUND of a NUMERIC or BIGNUMERIC is exact, half away from zero; FORMAT then writes all the places
        return "FORMAT('%." + places + "f', ROUND(CAST(" + expr + " AS BIGNUMERIC), " + places + "))";
    }

    @Override
    String asDouble(String expr, Col col) {
        return col.type().kind() == DataType.Kind.DOUBLE || col.type().kind() == DataType.Kind.REAL ? expr : "CAST(" + expr + " AS FLOAT64)";
    }

    @Override
    String toInteger(String expr) {
        return "CAST(" + expr + " AS INT64)";
    }

    @Override
    String toText(String integerExpr) {
        return "CAST(" + integerExpr + " AS STRING)";
    }

    @Override
    String booleanToInteger(String condition) {
        return "CAST(" + condition + " AS INT64)";
    }

    @Override
    String log2(String expr) {
        return "LOG(" + expr + ", 2)";
    }

    @Override
    String concat(List<String> parts) {
        return "CONCAT(" + String.join(", ", parts) + ")";
    }

    @Override
    String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    String specialFloats(String x) {
        return "WHEN IS_NAN(" + x + ") THEN 'nan' WHEN IS_INF(" + x + ") THEN (CASE WHEN " + x + " > 0 THEN 'inf' ELSE '-inf' END) ";
    }

    @Override
    String orNullMark(String valueText) {
        return "IFNULL(" + valueText + ", '\\x1f')";
    }

    @Override
    String rowText(List<String> values) {
        return "ARRAY_TO_STRING([" + String.join(", ", values) + "], '\\x1e')";
    }

    @Override
    public String digest(String rowText, List<String> orderBy) {
        return "TO_HEX(MD5(STRING_AGG(" + rowText + ", '\\x1d'" + (orderBy.isEmpty() ? "" : " ORDER BY " + String.join(", ", orderBy)) + ")))";
    }

    @Override
    public String integerDivision(String a, String b) {
        return "DIV(" + a + ", " + b + ")";
    }

    @Override
    public String remainder(String a, String b) {
        return "MOD(" + a + ", " + b + ")";
    }
}
