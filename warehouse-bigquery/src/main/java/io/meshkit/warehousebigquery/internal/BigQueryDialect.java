package io.meshkit.warehousebigquery.internal;

import io.meshkit.core.contract.TimeResolution;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.RecordField;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SqlLexer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GoogleSQL as BigQuery speaks it: backtick-quoted identifiers, BigQuery's types, MD5-based sampling
 * values and fingerprints, {@code COUNTIF} instead of filtered aggregates, arrays of structs
 * ({@code ARRAY_AGG ... IGNORE NULLS}, {@code UNNEST}) for collected rows.
 *
 * <p>Decimals map to unparameterized {@code NUMERIC} (38 digits, scale 9) or {@code BIGNUMERIC} (76
 * digits, scale 38): BigQuery drops type parameters from every query result, so a parameterized
 * column would describe differently from the rows read out of it.
 */
public final class BigQueryDialect implements Dialect {
    /** The one instance; the dialect has no state. */
    public static final BigQueryDialect INSTANCE = new BigQueryDialect();

    /** NUMERIC holds 29 integer digits and 9 fraction digits. */
    static final DataType NUMERIC = DataType.decimal(38, 9);
    /** BIGNUMERIC holds 38 integer digits (and a bit) and 38 fraction digits. */
    static final DataType BIGNUMERIC = DataType.decimal(76, 38);

    private static final Pattern SHAPE = Pattern.compile("\\s*([A-Za-z0-9_]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private BigQueryDialect() {}

    @Override
    public String name() {
        return "bigquery";
    }

    /** Backticks; a backtick or backslash inside the name is escaped with a backslash. */
    @Override
    public String quoteIdentifier(String name) {
        return '`' + name.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }

    @Override
    public String typeName(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOL";
            case TINYINT, SMALLINT, INTEGER, BIGINT -> "INT64";
            case HUGEINT -> "BIGNUMERIC"; // BigQuery has no 128-bit integer; BIGNUMERIC holds every one
            case DECIMAL -> decimalName(type);
            case REAL, DOUBLE -> "FLOAT64";
            case VARCHAR, UUID -> "STRING";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "DATETIME"; // meshkit's TIMESTAMP has no zone (it means UTC)
            case TIMESTAMP_TZ -> "TIMESTAMP"; // BigQuery's TIMESTAMP is an instant
            case BINARY -> "BYTES";
            case JSON -> "JSON";
            // nested data: a RECORD, a REPEATED field; BigQuery has no MAP, so a map is a list of key/value records
            case STRUCT -> type.fields().stream().map(f -> quoteIdentifier(f.name()) + " " + typeName(f.type()))
                    .collect(Collectors.joining(", ", "STRUCT<", ">"));
            case ARRAY -> {
                if (type.elementType().kind() == DataType.Kind.ARRAY) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot map type " + type
                            + " to BigQuery: an ARRAY of ARRAYs needs a STRUCT between them");
                }
                yield "ARRAY<" + typeName(type.elementType()) + ">";
            }
            case MAP -> "ARRAY<STRUCT<" + quoteIdentifier("key") + " " + typeName(type.keyType()) + ", "
                    + quoteIdentifier("value") + " " + typeName(type.elementType()) + ">>";
        };
    }

    private static String decimalName(DataType type) {
        int integerDigits = type.precision() - type.scale();
        if (type.scale() <= 9 && integerDigits <= 29) {
            return "NUMERIC";
        }
        if (type.scale() <= 38 && integerDigits <= 38) {
            return "BIGNUMERIC";
        }
        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot map type " + type
                + " to BigQuery: BIGNUMERIC holds at most 38 integer and 38 fraction digits");
    }

    /**
     * The portable type of a BigQuery type name, including the legacy names the REST API reports
     * ({@code INTEGER}, {@code FLOAT}, {@code BOOLEAN}, {@code RECORD}) and parameterized names
     * ({@code NUMERIC(18, 3)}, {@code STRING(40)}). Empty for types without a portable form
     * (GEOGRAPHY, INTERVAL, RANGE, STRUCT, ARRAY).
     */
    @Override
    public Optional<DataType> parseType(String engineTypeName) {
        if (engineTypeName == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(engineTypeName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int p = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        try {
            return switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "BOOL", "BOOLEAN" -> Optional.of(DataType.BOOLEAN);
                case "INT64", "INTEGER", "INT", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT" -> Optional.of(DataType.BIGINT);
                case "NUMERIC", "DECIMAL" -> Optional.of(p == -1 ? NUMERIC : DataType.decimal(p, Math.max(s, 0)));
                case "BIGNUMERIC", "BIGDECIMAL" -> Optional.of(p == -1 ? BIGNUMERIC : DataType.decimal(p, Math.max(s, 0)));
                case "FLOAT64", "FLOAT" -> Optional.of(DataType.DOUBLE);
                case "STRING" -> Optional.of(DataType.VARCHAR);
                case "BYTES" -> Optional.of(DataType.of(DataType.Kind.BINARY));
                case "DATE" -> Optional.of(DataType.DATE);
                case "TIME" -> Optional.of(DataType.of(DataType.Kind.TIME));
                case "DATETIME" -> Optional.of(DataType.TIMESTAMP);
                case "TIMESTAMP" -> Optional.of(DataType.TIMESTAMP_TZ);
                case "JSON" -> Optional.of(DataType.of(DataType.Kind.JSON));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Sql> tryCast(Sql value, DataType type) {
        return Optional.of(sql().sql("SAFE_CAST(").append(value).sql(" AS ").type(type).sql(")").build());
    }

    /**
     * The hex MD5 of the columns as one JSON object: {@code TO_JSON_STRING} renders every type
     * (BYTES as base64, so no invalid UTF-8 can fail a cast), quotes strings and escapes what they
     * contain, and writes NULL as {@code null}, which no quoted string equals.
     */
    @Override
    public Sql rowFingerprint(List<ColumnName> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a row fingerprint needs at least one column");
        }
        SqlBuilder b = sql().sql("TO_HEX(MD5(TO_JSON_STRING(STRUCT(");
        for (int i = 0; i < columns.size(); i++) {
            b.sql(i == 0 ? "" : ", ").id(columns.get(i)).sql(" AS f").literal(i);
        }
        return b.sql("))))").build();
    }

    /**
     * meshkit's TIMESTAMP is a DATETIME here (see {@link #typeName}), so it is truncated by
     * {@code DATETIME_TRUNC(x, DAY)}; GoogleSQL has no {@code date_trunc('day', x)}, the default's
     * spelling (its DATE_TRUNC takes the value first and the part as a keyword).
     */
    @Override
    public Sql truncateTime(Sql timestamp, TimeResolution resolution) {
        SqlBuilder b = sql().sql("DATETIME_TRUNC(").append(timestamp);
        return switch (resolution) {
            case HOUR -> b.sql(", HOUR)").build();
            case DAY -> b.sql(", DAY)").build();
        };
    }

    /** BigQuery clusters by INT64, STRING, BOOL, NUMERIC, BIGNUMERIC, DATE, DATETIME, TIMESTAMP and GEOGRAPHY: not by FLOAT64, BYTES, JSON, ARRAY or STRUCT. */
    @Override
    public boolean clusters(DataType type) {
        return switch (type.kind()) {
            case REAL, DOUBLE, BINARY, JSON, STRUCT, ARRAY, MAP -> false;
            default -> true;
        };
    }

    /**
     * INT64 is signed, so the first 8 MD5 bytes cannot be read into it whole. The first 14 hex
     * digits are the top 56 bits, which fit; shifted right by 3 they are the top 53 bits, i.e.
     * {@code floor(u / 2^11)}, exact in a FLOAT64, then divided by 2^53 (exact too).
     */
    @Override
    public Sql samplingValue(Sql key) {
        return sql().sql("(CAST(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CAST((").append(key)
                .sql(") AS STRING))), 1, 14)) AS INT64) >> 3 AS FLOAT64) / 9007199254740992.0)").build();
    }

    /**
     * JSON and nested values (STRUCT, ARRAY) as {@code TO_JSON_STRING} (they have no cast to STRING), BYTES as
     * lower-case hex (a cast would fail on invalid UTF-8).
     */
    @Override
    public Sql text(Sql value, DataType type) {
        return switch (type.kind()) {
            case JSON, STRUCT, ARRAY, MAP -> sql().sql("TO_JSON_STRING(").append(value).sql(")").build();
            case BINARY -> sql().sql("TO_HEX(").append(value).sql(")").build();
            default -> cast(value, DataType.VARCHAR);
        };
    }

    @Override
    public Sql hex(Sql binary) {
        return sql().sql("UPPER(TO_HEX(").append(binary).sql("))").build();
    }

    /**
     * {@code FARM_FINGERPRINT} of the values as one JSON text: {@code TO_JSON_STRING} writes every
     * type (NULL as null), and a differing hash only nominates a row.
     */
    @Override
    public Sql rowHash(List<Sql> values) {
        if (values.isEmpty()) {
            return Sql.of("CAST(0 AS INT64)");
        }
        SqlBuilder b = sql().sql("FARM_FINGERPRINT(TO_JSON_STRING(STRUCT(");
        for (int i = 0; i < values.size(); i++) {
            b.sql(i == 0 ? "" : ", ").append(values.get(i)).sql(" AS f").literal(i);
        }
        return b.sql(")))").build();
    }

    @Override
    public CanonicalText canonicalText() {
        return BigQueryCanonicalText.INSTANCE;
    }

    /** Strings take backslash escapes, # starts a comment too, block comments do not nest, no dollar quotes. */
    @Override
    public SqlLexer.Syntax syntax() {
        return new SqlLexer.Syntax(true, true, false, false);
    }

    @Override
    public Sql countIf(Sql condition) {
        return sql().sql("COUNTIF(").append(condition).sql(")").build();
    }

    /** Several values count as the JSON text of their struct. */
    @Override
    public Sql countDistinctIf(List<Sql> values, Sql condition) {
        Sql value = values.size() == 1 ? values.get(0) : sql().sql("TO_JSON_STRING(STRUCT(").appendAll(values).sql("))").build();
        return sql().sql("COUNT(DISTINCT IF(").append(condition).sql(", ").append(value).sql(", NULL))").build();
    }

    /** {@code ARRAY_AGG(... IGNORE NULLS ORDER BY ... LIMIT n)} of structs, as JSON. */
    @Override
    public Sql firstRowsJson(List<ColumnName> fields, List<Sql> values, List<Sql> orderBy, int limit, Sql condition) {
        return sql().sql("TO_JSON_STRING(ARRAY_AGG(IF(").append(condition).sql(", ").append(struct(fields, values))
                .sql(", NULL) IGNORE NULLS ORDER BY ").appendAll(orderBy).sql(" LIMIT ").literal(limit).sql("))").build();
    }

    /** {@code ARRAY_AGG} of {@code STRUCT}s, the rows that do not qualify left out. */
    @Override
    public Sql collect(List<RecordField> fields, List<Sql> values, Sql condition) {
        return sql().sql("ARRAY_AGG(IF(").append(condition).sql(", ").append(struct(RecordField.names(fields), values))
                .sql(", NULL) IGNORE NULLS)").build();
    }

    /** {@code UNNEST} joined to the relation: the structs' fields become columns, typed as the structs hold them. */
    @Override
    public Sql unnest(Sql relation, ColumnName column, List<RecordField> fields, Sql alias) {
        return sql().sql("(SELECT ").append(alias).sql(".* FROM ").append(relation).sql(", UNNEST(").append(relation).sql(".").id(column)
                .sql(") AS ").append(alias).sql(") ").append(alias).build();
    }

    private Sql struct(List<ColumnName> fields, List<Sql> values) {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException(fields.size() + " fields for " + values.size() + " values");
        }
        SqlBuilder b = sql().sql("STRUCT(");
        for (int i = 0; i < fields.size(); i++) {
            b.sql(i == 0 ? "" : ", ").append(values.get(i)).sql(" AS ").id(fields.get(i));
        }
        return b.sql(")").build();
    }
}
