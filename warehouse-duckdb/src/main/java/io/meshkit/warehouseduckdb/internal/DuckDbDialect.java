package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.RecordField;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * DuckDB's SQL: double-quoted identifiers, DuckDB type names, MD5-based sampling and fingerprints,
 * filtered aggregates ({@code count(*) FILTER (WHERE ...)}), lists of structs for collected rows.
 */
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

    @Override
    public Optional<Sql> tryCast(Sql value, DataType type) {
        return Optional.of(sql().sql("TRY_CAST(").append(value).sql(" AS ").type(type).sql(")").build());
    }

    /**
     * {@code read_parquet([...])} over local files, the file list bound as one parameter (no path is
     * written into the SQL text), with the files' columns only: no column from a {@code key=value}
     * directory name, which DuckDB would otherwise add (a snapshot's parts lie under
     * {@code snapshot_date=...}). Empty for CSV (its header and quoting options belong to a load) and
     * for URIs other than {@code file:}.
     */
    @Override
    public Optional<Sql> scanFiles(List<URI> files, FileFormat format) {
        if (format != FileFormat.PARQUET || files.isEmpty() || !files.stream().allMatch(f -> "file".equalsIgnoreCase(f.getScheme()))) {
            return Optional.empty();
        }
        String[] paths = files.stream().map(f -> Path.of(f).toString()).toArray(String[]::new);
        return Optional.of(sql().sql("read_parquet(CAST(").bind(paths).sql(" AS VARCHAR[]), hive_partitioning = false)").build());
    }

    /**
     * {@code preserve_insertion_order} off, then reset. With it on (DuckDB's default) an {@code INSERT ... SELECT} from
     * Parquet parts of a few hundred thousand rows each keeps the parts' order by holding each one back as a small
     * batch and merging them, and the checkpoint when the database closes writes those rows a second time: for 5M
     * narrow rows in 250,000-row parts, 0.85 s of CPU at the close on top of the insert's 1.8 s, and a file of 54 MB
     * instead of 36 MB (bench/results/snapshot-ingest-2026-12-07.md).
     */
    @Override
    public Optional<SessionSetting> unorderedInserts() {
        return Optional.of(new SessionSetting(sql().sql("SET preserve_insertion_order = false").build(),
                sql().sql("RESET preserve_insertion_order").build()));
    }

    /**
     * The first 16 hex digits of the MD5 read as a UBIGINT (big-endian, as {@code SamplingValue}
     * reads it; DuckDB's {@code md5_number_upper} reads the bytes little-endian), shifted to the 53
     * bits a DOUBLE holds exactly, over 2^53.
     */
    @Override
    public Sql samplingValue(Sql key) {
        return sql().sql("(CAST((CAST(('0x' || substr(md5(CAST((").append(key)
                .sql(") AS VARCHAR)), 1, 16)) AS UBIGINT) >> CAST(11 AS UBIGINT)) AS DOUBLE) / 9007199254740992.0)").build();
    }

    @Override
    public Sql hex(Sql binary) {
        return sql().sql("hex(").append(binary).sql(")").build();
    }

    /**
     * A TIMESTAMP and a TIMESTAMPTZ compare as instants (the zone-less one in the session's zone, UTC); a
     * STRUCT, LIST or MAP compares as a whole with one of exactly its type.
     */
    @Override
    public boolean comparable(DataType a, DataType b) {
        if (a.isNested() || b.isNested()) {
            return a.equals(b);
        }
        return a.kind() == b.kind() || a.isTimestamp() && b.isTimestamp();
    }

    /** DuckDB's own {@code hash} of the values (a UBIGINT); NULLs hash alike. */
    @Override
    public Sql rowHash(List<Sql> values) {
        if (values.isEmpty()) {
            return Sql.of("CAST(0 AS UBIGINT)");
        }
        return sql().sql("hash(").appendAll(values).sql(")").build();
    }

    @Override
    public CanonicalText canonicalText() {
        return DuckDbCanonicalText.INSTANCE;
    }

    @Override
    public Sql countIf(Sql condition) {
        return sql().sql("count(*) FILTER (WHERE ").append(condition).sql(")").build();
    }

    @Override
    public Sql countDistinctIf(List<Sql> values, Sql condition) {
        return sql().sql("count(DISTINCT ").append(tuple(values)).sql(") FILTER (WHERE ").append(condition).sql(")").build();
    }

    /** {@code arg_min} with a count: the {@code limit} rows of the smallest order tuples, as a list of structs, in JSON. */
    @Override
    public Sql firstRowsJson(List<ColumnName> fields, List<Sql> values, List<Sql> orderBy, int limit, Sql condition) {
        return sql().sql("to_json(arg_min(").append(structPack(fields, values)).sql(", ").append(tuple(orderBy)).sql(", ").literal(limit)
                .sql(") FILTER (WHERE ").append(condition).sql("))").build();
    }

    /** {@code list} of {@code struct_pack}s. */
    @Override
    public Sql collect(List<RecordField> fields, List<Sql> values, Sql condition) {
        return sql().sql("list(").append(structPack(RecordField.names(fields), values)).sql(") FILTER (WHERE ").append(condition)
                .sql(")").build();
    }

    /** {@code unnest(..., recursive := true)}: the structs' fields become columns, typed as the structs hold them. */
    @Override
    public Sql unnest(Sql relation, ColumnName column, List<RecordField> fields, Sql alias) {
        return sql().sql("(SELECT unnest(").id(column).sql(", recursive := true) FROM ").append(relation).sql(") ").append(alias).build();
    }

    /** One value that orders and compares like the tuple of these expressions. */
    private Sql tuple(List<Sql> values) {
        return values.size() == 1 ? values.get(0) : sql().sql("row(").appendAll(values).sql(")").build();
    }

    private Sql structPack(List<ColumnName> fields, List<Sql> values) {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException(fields.size() + " fields for " + values.size() + " values");
        }
        SqlBuilder b = sql().sql("struct_pack(");
        for (int i = 0; i < fields.size(); i++) {
            b.sql(i == 0 ? "" : ", ").id(fields.get(i)).sql(" := ").append(values.get(i));
        }
        return b.sql(")").build();
    }
}
