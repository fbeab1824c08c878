package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.RecordField;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * PostgreSQL's SQL: double-quoted identifiers (case kept), PostgreSQL type names, MD5-based sampling
 * and fingerprints, filtered aggregates. Nested types: an ARRAY of a scalar is a native array; a STRUCT,
 * a MAP and an ARRAY of a nested type are stored as {@code jsonb} (and described as JSON).
 */
public final class PostgresDialect implements Dialect {
    /** The one instance; the dialect has no state. */
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    /** The precision of the NUMERIC that holds a HUGEINT (and that is read back as one). */
    static final int HUGEINT_PRECISION = 38;

    /** PostgreSQL's widest NUMERIC with a declared precision. */
    static final int MAX_DECIMAL_PRECISION = 1000;

    /**
     * The portable type of an unconstrained {@code numeric} (what {@code sum} of a bigint gives): the
     * widest portable DECIMAL, with room for fractions.
     */
    static final DataType UNCONSTRAINED_NUMERIC = DataType.decimal(76, 38);

    private PostgresDialect() {}

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String quoteIdentifier(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot quote identifier: PostgreSQL names cannot hold a NUL character");
        }
        return Dialect.super.quoteIdentifier(name);
    }

    @Override
    public String typeName(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case TINYINT, SMALLINT -> "smallint"; // PostgreSQL has no 1-byte integer
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case HUGEINT -> "numeric(" + HUGEINT_PRECISION + ",0)";
            case DECIMAL -> {
                if (type.precision() > MAX_DECIMAL_PRECISION) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot map type " + type
                            + " to PostgreSQL: its widest NUMERIC has precision " + MAX_DECIMAL_PRECISION);
                }
                yield "numeric(" + type.precision() + "," + type.scale() + ")";
            }
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case VARCHAR -> "text"; // lengths are not kept, as on DuckDB: a CTAS of a varchar(n) expression gives text anyway
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMP_TZ -> "timestamptz";
            case BINARY -> "bytea";
            case JSON, STRUCT, MAP -> "jsonb";
            case UUID -> "uuid";
            // PostgreSQL arrays are rectangular and of scalars: a list of lists, structs or maps is JSON
            case ARRAY -> type.elementType().isNested() ? "jsonb" : typeName(type.elementType()) + "[]";
        };
    }

    /**
     * Reads both {@code format_type} names ({@code character varying(40)}, {@code numeric(18,3)},
     * {@code integer[]}) and the driver's short names ({@code int8}, {@code _int4}).
     */
    @Override
    public Optional<DataType> parseType(String engineTypeName) {
        if (engineTypeName == null || engineTypeName.isBlank()) {
            return Optional.empty();
        }
        String t = engineTypeName.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("_")) {
            return parseType(t.substring(1)).map(DataType::array);
        }
        if (t.endsWith("[]")) {
            return parseType(t.substring(0, t.length() - 2)).map(DataType::array);
        }
        if (t.equals("numeric(" + HUGEINT_PRECISION + ",0)")) {
            return Optional.of(DataType.of(DataType.Kind.HUGEINT));
        }
        if (t.equals("numeric")) {
            return Optional.of(UNCONSTRAINED_NUMERIC);
        }
        if (t.equals("text") || t.equals("name") || t.equals("bpchar") || t.equals("character varying")) {
            return Optional.of(DataType.VARCHAR);
        }
        if (t.equals("timestamptz") || t.startsWith("timestamp") && t.contains("with time zone") && !t.contains("without")) {
            return Optional.of(DataType.TIMESTAMP_TZ);
        }
        if (t.startsWith("timestamp") && !t.equals("timestamptz")) {
            return Optional.of(DataType.TIMESTAMP);
        }
        if (t.startsWith("time") && !t.equals("timetz") && !t.contains("with time zone")) {
            return Optional.of(DataType.of(DataType.Kind.TIME));
        }
        // lengths are not described, as on the other warehouses
        return DataType.parse(t).map(d -> d.kind() == DataType.Kind.VARCHAR || d.kind() == DataType.Kind.BINARY ? DataType.of(d.kind()) : d);
    }

    /** PostgreSQL has no cast that gives NULL: a pattern match first, for the types a CSV file holds. */
    @Override
    public Optional<Sql> tryCast(Sql value, DataType type) {
        String pattern = switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT -> "^\\s*[-+]?[0-9]{1,18}\\s*$";
            case DECIMAL, REAL, DOUBLE -> "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$";
            case BOOLEAN -> "^\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*$";
            case DATE -> "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$";
            case TIMESTAMP, TIMESTAMP_TZ -> "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?(Z|[-+][0-9:]+)?\\s*$";
            case VARCHAR -> ".*";
            default -> null;
        };
        if (pattern == null) {
            return Optional.empty();
        }
        // a pattern cannot see an out-of-range date or integer: those still fail the cast
        return Optional.of(sql().sql("(CASE WHEN CAST(").append(value).sql(" AS text) ~ ").bind(pattern).sql(" THEN CAST(CAST(").append(value)
                .sql(" AS text) AS ").type(type).sql(") END)").build());
    }

    /**
     * The first 14 hex digits of the MD5 (56 bits, so the bigint stays positive) shifted right by 3:
     * the top 53 bits of the big-endian first 8 bytes, as {@code SamplingValue} takes them; over 2^53.
     */
    @Override
    public Sql samplingValue(Sql key) {
        return sql().sql("(CAST((CAST(CAST(('x' || substr(md5(CAST((").append(key)
                .sql(") AS text)), 1, 14)) AS bit(56)) AS bigint) >> 3) AS double precision) / CAST(9007199254740992 AS double precision))")
                .build();
    }

    @Override
    public Sql hex(Sql binary) {
        return sql().sql("upper(encode(").append(binary).sql(", 'hex'))").build();
    }

    /** JSON as its serialised text; everything else cast to text. */
    @Override
    public Sql text(Sql value, DataType type) {
        return cast(value, DataType.VARCHAR);
    }

    /**
     * A TIMESTAMP and a TIMESTAMPTZ compare as instants (the zone-less one in the session's zone,
     * UTC); jsonb compares by value; arrays of one type compare as a whole.
     */
    @Override
    public boolean comparable(DataType a, DataType b) {
        if (a.isNested() || b.isNested()) {
            return a.equals(b) && a.kind() == DataType.Kind.ARRAY;
        }
        return a.kind() == b.kind() || a.isTimestamp() && b.isTimestamp();
    }

    /**
     * The first 16 hex digits of the MD5 of the values' texts (each {@code length:text} or {@code ~},
     * as {@link #rowFingerprint}), as a bigint. PostgreSQL has no built-in 64-bit row hash.
     */
    @Override
    public Sql rowHash(List<Sql> values) {
        if (values.isEmpty()) {
            return Sql.of("CAST(0 AS bigint)");
        }
        SqlBuilder b = sql().sql("CAST(CAST(('x' || substr(md5(");
        b.join(values, " || '|' || ", v -> b.sql("coalesce(CAST(length(CAST(").append(v).sql(" AS text)) AS text) || ':' || CAST(")
                .append(v).sql(" AS text), '~')"));
        return b.sql("), 1, 16)) AS bit(64)) AS bigint)").build();
    }

    @Override
    public CanonicalText canonicalText() {
        return PostgresCanonicalText.INSTANCE;
    }

    @Override
    public Sql countIf(Sql condition) {
        return sql().sql("count(*) FILTER (WHERE ").append(condition).sql(")").build();
    }

    @Override
    public Sql countDistinctIf(List<Sql> values, Sql condition) {
        Sql tuple = values.size() == 1 ? values.get(0) : sql().sql("ROW(").appendAll(values).sql(")").build();
        return sql().sql("count(DISTINCT ").append(tuple).sql(") FILTER (WHERE ").append(condition).sql(")").build();
    }

    /** The objects of the qualifying rows in order, in an array cut to {@code limit}, as JSON text. */
    @Override
    public Sql firstRowsJson(List<ColumnName> fields, List<Sql> values, List<Sql> orderBy, int limit, Sql condition) {
        SqlBuilder b = sql().sql("CAST(to_json((array_agg(").append(jsonObject(fields, values));
        if (!orderBy.isEmpty()) {
            b.sql(" ORDER BY ").appendAll(orderBy);
        }
        return b.sql(") FILTER (WHERE ").append(condition).sql("))[1:").literal(limit).sql("]) AS text)").build();
    }

    /**
     * {@code array_agg} of anonymous records ({@code ROW(...)}), each value cast to its field's type,
     * so that {@link #unnest} can name exactly these types in its column definition list.
     */
    @Override
    public Sql collect(List<RecordField> fields, List<Sql> values, Sql condition) {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException(fields.size() + " fields for " + values.size() + " values");
        }
        SqlBuilder b = sql().sql("array_agg(ROW(");
        for (int i = 0; i < fields.size(); i++) {
            b.sql(i == 0 ? "" : ", ").append(cast(values.get(i), fields.get(i).type()));
        }
        return b.sql(")) FILTER (WHERE ").append(condition).sql(")").build();
    }

    /**
     * {@code unnest} of the record array with a column definition list: PostgreSQL reads an anonymous
     * record only when it is told each field's name and type.
     */
    @Override
    public Sql unnest(Sql relation, ColumnName column, List<RecordField> fields, Sql alias) {
        SqlBuilder b = sql().sql("(SELECT ").append(alias).sql(".* FROM ").append(relation).sql(", unnest(").append(relation).sql(".")
                .id(column).sql(") AS ").append(alias).sql("(");
        b.join(fields, f -> b.id(f.name()).sql(" ").type(f.type()));
        return b.sql(")) ").append(alias).build();
    }

    /**
     * PostgreSQL has no {@code CREATE OR REPLACE TABLE}: the rows go into a new table under a
     * temporary name, then the old table (if any) is dropped and the new one renamed; the warehouse
     * runs them in one transaction, so the select may read the table it replaces. The temporary name
     * is dropped first: the warehouse never leaves it behind, but the printed statements run by hand
     * without a transaction and stopped after the create do, and the name is the same next time.
     */
    @Override
    public List<Sql> replaceTableAs(TableId target, Sql select) {
        TableId fresh = target.namespace().table(temporaryName(target));
        return List.of(sql().sql("DROP TABLE IF EXISTS ").table(fresh).build(),
                sql().sql("CREATE TABLE ").table(fresh).sql(" AS ").append(select).build(),
                sql().sql("DROP TABLE IF EXISTS ").table(target).build(),
                sql().sql("ALTER TABLE ").table(fresh).sql(" RENAME TO ").tableName(target).build());
    }

    /** A fresh table name for a table written before it takes another's place. */
    static String temporaryName() {
        return "meshkit_tmp_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The name a replacement of {@code target} is written under: the same on every call, so that a
     * dry run names the table the run writes, and the statements a run reports are the ones it ran.
     * The warehouse renames it within the same transaction, so the name is free again after each
     * commit (or rollback), and {@link #replaceTableAs} drops what a stopped run by hand left; a
     * digest of the target keeps it within PostgreSQL's 63 bytes.
     */
    static String temporaryName(TableId target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((target.namespace().name() + "\u0000" + target.name()).getBytes(StandardCharsets.UTF_8));
            return "meshkit_tmp_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e); // every Java runtime has it
        }
    }

    private Sql jsonObject(List<ColumnName> fields, List<Sql> values) {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException(fields.size() + " fields for " + values.size() + " values");
        }
        SqlBuilder b = sql().sql("json_build_object(");
        for (int i = 0; i < fields.size(); i++) {
            b.sql(i == 0 ? "" : ", ").sql("CAST(").bind(fields.get(i).name()).sql(" AS text), ").append(values.get(i));
        }
        return b.sql(")").build();
    }
}
