package io.meshkit.snapshotingest.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.Identifiers;
import io.meshkit.core.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps MySQL column types (from {@code information_schema.COLUMNS}) to meshkit's portable types.
 *
 * <p>{@code TINYINT(1)} is a boolean (MySQL's own convention); unsigned integers widen to the next type so
 * no value overflows ({@code BIGINT UNSIGNED} becomes {@code HUGEINT}); {@code ENUM}, {@code SET} and
 * text types are strings; {@code YEAR} is a {@code SMALLINT}; {@code BIT(1)} is a boolean and wider
 * {@code BIT(n)} a {@code BIGINT}; {@code DATETIME} and {@code TIMESTAMP} are UTC timestamps.
 */
public final class MySqlTypes {
    private MySqlTypes() {}

    /**
     * The landed form of a column.
     *
     * @param table the table, for messages
     * @param name the column name
     * @param dataType {@code DATA_TYPE}, e.g. {@code int}
     * @param columnType {@code COLUMN_TYPE}, e.g. {@code int(10) unsigned}
     * @param nullable {@code IS_NULLABLE = 'YES'}
     * @param precision {@code NUMERIC_PRECISION} (or the BIT width), -1 if null
     * @param scale {@code NUMERIC_SCALE}, -1 if null
     * @param json whether the column holds JSON (MySQL's JSON type, or MariaDB's JSON alias, a LONGTEXT
     *     with a {@code json_valid} check)
     */
    public static SourceColumn map(String table, String name, String dataType, String columnType, boolean nullable,
            int precision, int scale, boolean json) {
        String t = dataType.toLowerCase(Locale.ROOT);
        String full = columnType.toLowerCase(Locale.ROOT);
        boolean unsigned = full.contains("unsigned");
        if (json) {
            return col(name, columnType, nullable, DataType.of(DataType.Kind.JSON), ValueKind.JSON);
        }
        return switch (t) {
            case "tinyint" -> full.startsWith("tinyint(1)") && !unsigned
                    ? col(name, columnType, nullable, DataType.BOOLEAN, ValueKind.BOOLEAN)
                    : col(name, columnType, nullable, DataType.of(unsigned ? DataType.Kind.SMALLINT : DataType.Kind.TINYINT), ValueKind.INT32);
            case "smallint" -> col(name, columnType, nullable, DataType.of(unsigned ? DataType.Kind.INTEGER : DataType.Kind.SMALLINT), ValueKind.INT32);
            case "mediumint" -> col(name, columnType, nullable, DataType.INTEGER, ValueKind.INT32);
            case "int", "integer" -> unsigned
                    ? col(name, columnType, nullable, DataType.BIGINT, ValueKind.INT64)
                    : col(name, columnType, nullable, DataType.INTEGER, ValueKind.INT32);
            case "bigint" -> unsigned
                    ? col(name, columnType, nullable, DataType.of(DataType.Kind.HUGEINT), ValueKind.UINT64)
                    : col(name, columnType, nullable, DataType.BIGINT, ValueKind.INT64);
            case "decimal", "numeric" -> {
                int p = precision <= 0 ? 10 : precision;
                int s = Math.max(scale, 0);
                yield new SourceColumn(name, columnType, nullable, DataType.decimal(p, s),
                        p <= 18 ? ValueKind.DECIMAL_LONG : ValueKind.DECIMAL_BYTES, p, s);
            }
            case "float" -> col(name, columnType, nullable, DataType.of(DataType.Kind.REAL), ValueKind.FLOAT);
            case "double", "real" -> col(name, columnType, nullable, DataType.DOUBLE, ValueKind.DOUBLE);
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" ->
                    col(name, columnType, nullable, DataType.VARCHAR, ValueKind.STRING);
            case "json" -> col(name, columnType, nullable, DataType.of(DataType.Kind.JSON), ValueKind.JSON);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" ->
                    col(name, columnType, nullable, DataType.of(DataType.Kind.BINARY), ValueKind.BINARY);
            case "date" -> col(name, columnType, nullable, DataType.DATE, ValueKind.DATE);
            case "datetime" -> col(name, columnType, nullable, DataType.TIMESTAMP, ValueKind.DATETIME);
            case "timestamp" -> col(name, columnType, nullable, DataType.TIMESTAMP, ValueKind.TIMESTAMP);
            case "time" -> col(name, columnType, nullable, DataType.of(DataType.Kind.TIME), ValueKind.TIME);
            case "year" -> col(name, columnType, nullable, DataType.of(DataType.Kind.SMALLINT), ValueKind.YEAR);
            case "bit" -> {
                int width = bitWidth(full);
                yield width == 1
                        ? col(name, columnType, nullable, DataType.BOOLEAN, ValueKind.BOOLEAN)
                        : new SourceColumn(name, columnType, nullable, DataType.BIGINT, ValueKind.BIT, width, -1);
            }
            default -> throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot column " + Identifiers.describe(name)
                    + " of table " + Identifiers.describe(table) + ": MySQL type " + columnType + " has no meshkit type");
        };
    }

    /**
     * The values an {@code ENUM} or the members a {@code SET} allows, in definition order, from its {@code COLUMN_TYPE}
     * ({@code enum('a''b','back\\slash')}: quoted as MySQL quotes a string, a quote doubled or escaped, a backslash
     * escaped); empty for any other type.
     */
    public static List<String> members(String columnType) {
        String full = columnType.toLowerCase(Locale.ROOT);
        if (!full.startsWith("enum(") && !full.startsWith("set(")) {
            return List.of();
        }
        List<String> members = new ArrayList<>();
        StringBuilder value = null;
        for (int i = columnType.indexOf('(') + 1; i < columnType.length(); i++) {
            char c = columnType.charAt(i);
            if (value == null) {
                if (c == '\'') {
                    value = new StringBuilder();
                } else if (c == ')') {
                    break;
                }
            } else if (c == '\\' && i + 1 < columnType.length()) {
                value.append(unescape(columnType.charAt(++i)));
            } else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                value.append('\'');
                i++;
            } else if (c == '\'') {
                members.add(value.toString());
                value = null;
            } else {
                value.append(c);
            }
        }
        return members;
    }

    /** The character a MySQL string escape ({@code \n}) stands for. */
    private static char unescape(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'Z' -> '\u001A';
            default -> c;
        };
    }

    private static SourceColumn col(String name, String columnType, boolean nullable, DataType type, ValueKind kind) {
        return new SourceColumn(name, columnType, nullable, type, kind, -1, -1);
    }

    private static int bitWidth(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.indexOf(')');
        return open < 0 || close < open ? 1 : Integer.parseInt(columnType.substring(open + 1, close).trim());
    }
}
