package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** DuckDB's SQL: double-quoted identifiers, DuckDB type names, MD5-based sampling and fingerprints. */
public final class DuckDbDialect implements Dialect {
    /** The one instance; the dialect has no state. */
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    /** DuckDB's widest DECIMAL. */
    static final int MAX_DECIMAL_PRECISION = 38;

    // DuckDB names that DataType.parse does not know, with the portable type that holds their values.
    private static final Map<String, DataType> DUCKDB_NAMES = Map.of(
            "UTINYINT", DataType.of(DataType.Kind.SMALLINT),
            "USMALLINT", DataType.INTEGER,
            "UINTEGER", DataType.BIGINT,
            "UBIGINT", DataType.of(DataType.Kind.HUGEINT),
            "UHUGEINT", DataType.of(DataType.Kind.HUGEINT),
            "TIMESTAMP_S", DataType.TIMESTAMP,
            "TIMESTAMP_MS", DataType.TIMESTAMP,
            "TIMESTAMP_NS", DataType.TIMESTAMP,
            "TIMESTAMP_US", DataType.TIMESTAMP);

    private DuckDbDialect() {}

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String typeName(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case TINYINT -> "TINYINT";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case HUGEINT -> "HUGEINT";
            case DECIMAL -> {
                if (type.precision() > MAX_DECIMAL_PRECISION) {
                    // clamping would silently lose digits; DOUBLE would lose exactness
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot map type " + type
                            + " to DuckDB: its widest DECIMAL has precision " + MAX_DECIMAL_PRECISION);
                }
                yield "DECIMAL(" + type.precision() + "," + type.scale() + ")";
            }
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case VARCHAR -> "VARCHAR"; // DuckDB ignores lengths: VARCHAR(n) is VARCHAR
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case BINARY -> "BLOB";
            case JSON -> "JSON";
            case UUID -> "UUID";
            case STRUCT -> type.fields().stream().map(f -> quoteIdentifier(f.name()) + " " + typeName(f.type()))
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
            case ARRAY -> typeName(type.elementType()) + "[]";
            case MAP -> "MAP(" + typeName(type.keyType()) + ", " + typeName(type.elementType()) + ")";
        };
    }

    @Override
    public Optional<DataType> parseType(String engineTypeName) {
        if (engineTypeName == null) {
            return Optional.empty();
        }
        DataType duck = DUCKDB_NAMES.get(engineTypeName.trim().toUpperCase(Locale.ROOT));
        return duck != null ? Optional.of(duck) : DataType.parse(engineTypeName);
    }

    /**
     * {@code md5} of a canonical text of the columns: each column as {@code length:text}, or {@code ~}
     * for NULL, joined with {@code |}. The length prefix makes the text unambiguous whatever the
     * values contain, and {@code ~} (no colon) cannot be the form of any non-NULL value.
     */
    @Override
    public String rowFingerprint(List<ColumnName> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a row fingerprint needs at least one column");
        }
        String parts = columns.stream()
                .map(c -> {
                    String text = "CAST(" + quote(c) + " AS VARCHAR)";
                    return "coalesce(CAST(length(" + text + ") AS VARCHAR) || ':' || " + text + ", '~')";
                })
                .collect(Collectors.joining(" || '|' || "));
        return "md5(" + parts + ")";
    }

    /**
     * The first 16 hex digits of the MD5 read as a UBIGINT (big-endian, as {@code SamplingValue}
     * reads it; DuckDB's {@code md5_number_upper} reads the bytes little-endian), shifted to the 53
     * bits a DOUBLE holds exactly, over 2^53.
     */
    @Override
    public String samplingValue(String keyExpression) {
        return "(CAST((CAST(('0x' || substr(md5(CAST((" + keyExpression + ") AS VARCHAR)), 1, 16)) AS UBIGINT)"
                + " >> CAST(11 AS UBIGINT)) AS DOUBLE) / 9007199254740992.0)";
    }
}
