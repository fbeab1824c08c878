package io.meshkit.snapshotingest.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** MySQL statement text: identifiers in backticks, chunk ranges as bound predicates. */
final class MySqlSql {
    private MySqlSql() {}

    /** A quoted identifier. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A quoted {@code database.table}. */
    static String table(String database, String table) {
        return quote(database) + "." + quote(table);
    }

    /** The comma-separated quoted columns. */
    static String columns(List<String> names) {
        return String.join(", ", names.stream().map(MySqlSql::quote).toList());
    }

    /**
     * The predicate of a chunk: key &ge; lower and key &lt; upper, compared as tuples in key order, written
     * out as ORs and ANDs (which every MySQL and MariaDB version turns into index ranges). Appends the
     * values to bind to {@code binds}. Returns {@code "1 = 1"} for an unbounded chunk.
     */
    static String range(List<SourceColumn> key, List<String> lower, List<String> upper, List<Object> binds) {
        List<String> parts = new ArrayList<>();
        if (lower != null) {
            parts.add(compare(key, lower, 0, true, binds));
        }
        if (upper != null) {
            parts.add(compare(key, upper, 0, false, binds));
        }
        return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
    }

    private static String compare(List<SourceColumn> key, List<String> values, int i, boolean lowerBound, List<Object> binds) {
        String col = quote(key.get(i).name());
        Object v = bindValue(key.get(i), values.get(i));
        if (i == key.size() - 1) {
            binds.add(v);
            return col + (lowerBound ? " >= ?" : " < ?");
        }
        binds.add(v);
        binds.add(v);
        return "(" + col + (lowerBound ? " > ?" : " < ?") + " OR (" + col + " = ? AND " + compare(key, values, i + 1, lowerBound, binds) + "))";
    }

    /** A key value from its text form in a plan, typed for binding. */
    static Object bindValue(SourceColumn column, String text) {
        return switch (column.kind()) {
            case INT32, INT64, YEAR -> Long.parseLong(text);
            case UINT64, BIT -> new BigInteger(text);
            case DECIMAL_LONG, DECIMAL_BYTES -> new BigDecimal(text);
            case FLOAT, DOUBLE -> Double.parseDouble(text);
            case BOOLEAN -> Integer.parseInt(text);
            case BINARY -> Base64.getDecoder().decode(text);
            default -> text;
        };
    }

    /** Whether a key column is an integer that ranges can split arithmetically. */
    static boolean isIntegerKey(SourceColumn column) {
        return column.kind() == ValueKind.INT32 || column.kind() == ValueKind.INT64 || column.kind() == ValueKind.UINT64;
    }
}
