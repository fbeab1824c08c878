package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.util.List;

/** {@link CanonicalText} in DuckDB's SQL. */
public final class DuckDbCanonicalText extends CanonicalText {
    /** The one instance. */
    public static final DuckDbCanonicalText INSTANCE = new DuckDbCanonicalText();

    private DuckDbCanonicalText() {}

    @Override
    public String text(String expr, DataType type, Normalisation n, int scale) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, DECIMAL, REAL, DOUBLE -> scale < 0 ? "CAST(" + expr + " AS VARCHAR)" : fixed(expr, scale);
            case BOOLEAN -> "(CASE WHEN " + expr + " THEN '1' WHEN NOT " + expr + " THEN '0' END)";
            case TIMESTAMP, TIMESTAMP_TZ -> "substr(strftime(CAST(" + expr + " AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f'), 1, "
                    + timestampFormatLength(n.timestampPrecision()) + ")";
            case DATE -> "strftime(" + expr + ", '%Y-%m-%d')";
            case BINARY -> "hex(" + expr + ")";
            case VARCHAR, JSON, UUID, TIME -> string("CAST(" + expr + " AS VARCHAR)", n);
        };
    }

    private static String fixed(String expr, int places) {
        // round in decimal arithmetic (half away from zero, as MySQL rounds exact values), never in
        // floating point, where engines break ties differently
        return "CAST(CAST(round(CAST(" + expr + " AS DECIMAL(38, " + intermediateScale(places) + ")), " + places
                + ") AS DECIMAL(38, " + places + ")) AS VARCHAR)";
    }

    private static String string(String expr, Normalisation n) {
        String e = expr;
        if (n.trim()) {
            e = "trim(" + e + ")";
        }
        if (n.caseFold()) {
            e = "lower(" + e + ")";
        }
        return e;
    }

    @Override
    public String piece(String textExpr) {
        return "coalesce(" + textExpr + " || chr(30), chr(31))";
    }

    @Override
    public String rowHash(List<String> pieces) {
        return "CAST(('0x' || substr(md5(" + rowText(pieces) + "), 1, " + HASH_HEX_DIGITS + ")) AS UBIGINT)";
    }

    @Override
    public String rowText(List<String> pieces) {
        return String.join(" || '|' || ", pieces);
    }
}
