package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.internal.RowShape.Col;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link CanonicalText} in MySQL's (and MariaDB's) SQL; the session runs in UTC with utf8mb4. Values
 * enter the row text as MySQL writes them wherever that is the canonical text (a column reference
 * costs nothing more), and the digest is one {@code MD5(GROUP_CONCAT(...))} per range.
 */
public final class MySqlCanonicalText extends CanonicalText {
    /** The one instance. */
    public static final MySqlCanonicalText INSTANCE = new MySqlCanonicalText();

    private static final Pattern FRACTION = Pattern.compile("\\((\\d)\\)");

    private MySqlCanonicalText() {}

    @Override
    public String asText(String valueText) {
        return "CAST(" + valueText + " AS CHAR)";
    }

    @Override
    public String display(String expr, Col col) {
        return col.type().kind() == DataType.Kind.BINARY ? "HEX(" + expr + ")" : "CAST(" + expr + " AS CHAR)";
    }

    @Override
    String nativeText(String expr, Col col, Normalisation n) {
        String engine = col.engineType().toLowerCase(Locale.ROOT);
        return switch (col.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, BOOLEAN, DECIMAL, REAL, DOUBLE -> engine.startsWith("bit") ? "(" + expr + " + 0)" : expr;
            case TIMESTAMP, TIMESTAMP_TZ -> timestamp(expr, fraction(engine), n.timestampPrecision());
            case DATE -> expr;
            case BINARY -> "HEX(" + expr + ")";
            case VARCHAR, JSON, UUID, TIME, STRUCT, ARRAY, MAP -> string(expr, n);
        };
    }

    /** Fractional-second digits of a MySQL temporal type, e.g. 3 for {@code datetime(3)}. */
    private static int fraction(String engineType) {
        Matcher m = FRACTION.matcher(engineType);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** MySQL writes a {@code DATETIME(f)} with exactly f digits: pad or cut that text instead of formatting. */
    private static String timestamp(String expr, int digits, int precision) {
        if (digits == precision) {
            return expr;
        }
        if (digits < precision) {
            return "CONCAT(" + expr + ", '" + (digits == 0 ? "." : "") + "0".repeat(precision - digits) + "')";
        }
        return "LEFT(" + expr + ", " + timestampFormatLength(precision) + ")";
    }

    @Override
    String fixed(String expr, Col col, int places) {
        // ROUND of an exact number is exact, half away from zero, as in DuckDB
        return "CAST(ROUND(" + expr + ", " + places + ") AS DECIMAL(65, " + places + "))";
    }

    @Override
    String asDouble(String expr, Col col) {
        return col.type().kind() == DataType.Kind.REAL || col.type().kind() == DataType.Kind.DOUBLE ? expr : "CAST(" + expr + " AS DOUBLE)";
    }

    @Override
    String toInteger(String expr) {
        return "CAST(" + expr + " AS SIGNED)";
    }

    @Override
    String toText(String integerExpr) {
        return integerExpr;
    }

    @Override
    String booleanToInteger(String condition) {
        return "(" + condition + ")";
    }

    @Override
    String log2(String expr) {
        return "LOG2(" + expr + ")";
    }

    @Override
    String concat(List<String> parts) {
        return "CONCAT(" + String.join(", ", parts) + ")";
    }

    @Override
    String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    String specialFloats(String x) {
        return ""; // MySQL has no NaN or infinity in a column
    }

    @Override
    String orNullMark(String valueText) {
        return "IFNULL(" + valueText + ", _utf8mb4 X'1F')";
    }

    @Override
    String rowText(List<String> values) {
        return "CONCAT_WS(_utf8mb4 X'1E', " + String.join(", ", values) + ")";
    }

    /**
     * {@code MD5(GROUP_CONCAT(row ORDER BY ... SEPARATOR U+001D))}; without an order the rows come
     * in scan order, which is key order for a range of an InnoDB primary key. A text longer than
     * the session allows is cut or NULL, which can only make the digest differ from the other
     * side's, never agree with it.
     */
    @Override
    public String digest(String rowText, List<String> orderBy) {
        return "MD5(GROUP_CONCAT(" + rowText + (orderBy.isEmpty() ? "" : " ORDER BY " + String.join(", ", orderBy))
                + " SEPARATOR '\u001d'))";
    }

    @Override
    public String integerDivision(String a, String b) {
        return "(" + a + " DIV " + b + ")";
    }

    @Override
    public String remainder(String a, String b) {
        return "(" + a + " % " + b + ")";
    }
}
