package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.util.List;

/** {@link CanonicalText} in MySQL's (and MariaDB's) SQL; the session runs in UTC with utf8mb4. */
public final class MySqlCanonicalText extends CanonicalText {
    /** The one instance. */
    public static final MySqlCanonicalText INSTANCE = new MySqlCanonicalText();

    private MySqlCanonicalText() {}

    @Override
    public String text(String expr, DataType type, Normalisation n, int scale) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, BOOLEAN, DECIMAL, REAL, DOUBLE ->
                    scale < 0 ? "CAST(" + expr + " AS CHAR)" : fixed(expr, scale);
            case TIMESTAMP, TIMESTAMP_TZ -> "SUBSTRING(DATE_FORMAT(" + expr + ", '%Y-%m-%d %H:%i:%s.%f'), 1, "
                    + timestampFormatLength(n.timestampPrecision()) + ")";
            case DATE -> "DATE_FORMAT(" + expr + ", '%Y-%m-%d')";
            case BINARY -> "HEX(" + expr + ")";
            case VARCHAR, JSON, UUID, TIME -> string("CAST(" + expr + " AS CHAR)", n);
        };
    }

    private static String fixed(String expr, int places) {
        // ROUND of a DOUBLE breaks ties to even (C library); of a DECIMAL, away from zero, as DuckDB does
        return "CAST(CAST(ROUND(CAST(" + expr + " AS DECIMAL(65, " + intermediateScale(places) + ")), " + places
                + ") AS DECIMAL(65, " + places + ")) AS CHAR)";
    }

    private static String string(String expr, Normalisation n) {
        String e = expr;
        if (n.trim()) {
            e = "TRIM(" + e + ")";
        }
        if (n.caseFold()) {
            e = "LOWER(" + e + ")";
        }
        return e;
    }

    @Override
    public String piece(String textExpr) {
        return "COALESCE(CONCAT(" + textExpr + ", CHAR(30)), CHAR(31))";
    }

    @Override
    public String rowHash(List<String> pieces) {
        return "CAST(CONV(SUBSTRING(MD5(" + rowText(pieces) + "), 1, " + HASH_HEX_DIGITS + "), 16, 10) AS UNSIGNED)";
    }

    @Override
    public String rowText(List<String> pieces) {
        return "CONCAT_WS('|', " + String.join(", ", pieces) + ")";
    }
}
