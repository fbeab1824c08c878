package io.meshkit.core.warehouse;

import io.meshkit.core.contract.TimeResolution;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one warehouse spells SQL: quoting, types, and every building block whose spelling differs by
 * engine, so that no tool asks which warehouse it runs on. Every identifier that reaches SQL passes
 * through {@link #quote}; every expression passes as a {@link Sql} fragment with its bound values.
 *
 * <p>A warehouse module implements the abstract methods; the defaults are standard SQL, which an
 * engine overrides where it spells a thing differently. {@code WarehouseContractTest} runs each
 * method on the warehouse and checks the result, so a new warehouse knows it has them right.
 */
public interface Dialect extends Quoting {
    /** A short name for messages and logs, e.g. the URI scheme. Never a thing to branch on. */
    String name();

    /** Standard SQL: in double quotes, a double quote inside the name doubled. */
    @Override
    default String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    // ---------------------------------------------------------------- types

    /** The engine's spelling of a portable type, e.g. {@code DECIMAL(10,2)} or {@code NUMERIC(10, 2)}. */
    String typeName(DataType type);

    /** The portable type of a type name the engine reports, or empty if it has none. */
    Optional<DataType> parseType(String engineTypeName);

    /** {@code CAST(value AS type)} with the engine's {@link #typeName}. */
    default Sql cast(Sql value, DataType type) {
        return sql().sql("CAST(").append(value).sql(" AS ").type(type).sql(")").build();
    }

    /**
     * A cast that gives NULL where the value does not convert instead of failing, if the engine has
     * one (empty by default): what finds the value of a file that a load could not convert.
     */
    default Optional<Sql> tryCast(Sql value, DataType type) {
        return Optional.empty();
    }

    // ---------------------------------------------------------------- shared building blocks

    /**
     * An expression over the given columns whose value is equal for two rows exactly when the
     * columns are equal (NULLs equal to NULLs, a NULL distinct from every value, no ambiguity between
     * adjacent columns). Used for change detection in SCD and, through {@link #samplingValue}, for a
     * table's checksum. Not the same value on every engine: compare fingerprints within one warehouse.
     *
     * <p>The default is {@code md5} of a text of the columns: each column as {@code length:text}, or
     * {@code ~} for NULL, joined with {@code |}. The length prefix makes the text unambiguous whatever
     * the values contain, and {@code ~} (no colon) cannot be the form of any non-NULL value.
     *
     * @throws IllegalArgumentException if {@code columns} is empty
     */
    default Sql rowFingerprint(List<ColumnName> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a row fingerprint needs at least one column");
        }
        SqlBuilder b = sql().sql("md5(");
        b.join(columns, " || '|' || ", c -> {
            Sql text = cast(sql().id(c).build(), DataType.VARCHAR);
            b.sql("coalesce(").append(cast(sql().sql("length(").append(text).sql(")").build(), DataType.VARCHAR)).sql(" || ':' || ")
                    .append(text).sql(", '~')");
        });
        return b.sql(")").build();
    }

    /**
     * The sampling value of a key expression: a DOUBLE in [0, 1) equal, bit for bit, to
     * {@link io.meshkit.core.sampling.SamplingValue#of(String)} of the key's canonical text (an
     * integer in decimal, a string as it is).
     *
     * @param key an expression in this dialect (a column, or a {@link #rowFingerprint})
     */
    Sql samplingValue(Sql key);

    /** The sampling value of a column. */
    default Sql samplingValue(ColumnName key) {
        return samplingValue(sql().id(key).build());
    }

    /**
     * Whether a table can be clustered (or sorted, where the engine sorts) by a column of this type,
     * as {@link TableLayout#clusterBy} asks. The default: every type. BigQuery cannot cluster by
     * FLOAT64 (so not by a sampling value: the sampler clusters by an INT64 of the same order there).
     */
    default boolean clusters(DataType type) {
        return true;
    }

    /**
     * A TIMESTAMP (meshkit's zone-less timestamp, {@link io.meshkit.core.contract.Scd2Shape#TIME_TYPE})
     * truncated to the start of its hour or day, of the same type. The default is standard
     * {@code date_trunc('day', x)}; an engine without it overrides this.
     */
    default Sql truncateTime(Sql timestamp, TimeResolution resolution) {
        return switch (resolution) {
            case HOUR -> sql().sql("date_trunc('hour', ").append(timestamp).sql(")").build();
            case DAY -> sql().sql("date_trunc('day', ").append(timestamp).sql(")").build();
        };
    }

    /**
     * A value as text, for comparing values of unrelated types: numbers in decimal and dates
     * {@code YYYY-MM-DD} as the engine writes them, JSON as its serialised text, strings as they are.
     * Equal values of one type give equal texts, and it never fails for a value of the type (binary
     * may be any text that is equal exactly when the bytes are). The default casts to the engine's
     * string type.
     */
    default Sql text(Sql value, DataType type) {
        return cast(value, DataType.VARCHAR);
    }

    /** A binary value as upper-case hexadecimal text, two digits per byte. */
    Sql hex(Sql binary);

    /** A value as an example shows it: binary in upper-case {@link #hex}, everything else as {@link #text}. */
    default Sql displayText(Sql value, DataType type) {
        return type.kind() == DataType.Kind.BINARY ? hex(value) : text(value, type);
    }

    /**
     * Whether {@code x IS DISTINCT FROM y} is defined for a value {@code x} of type {@code a} and
     * {@code y} of type {@code b}, and true exactly when they differ. Where it is not, a comparison
     * goes through {@link #text} (or a timestamp's canonical text). The default: the same kind, except
     * JSON and nested values (STRUCT, ARRAY, MAP), which few engines compare.
     */
    default boolean comparable(DataType a, DataType b) {
        return a.kind() == b.kind() && a.kind() != DataType.Kind.JSON && !a.isNested();
    }

    /**
     * A 64-bit integer hash of a list of values, for nominating rows whose values may differ: equal
     * inputs (NULLs included) always give equal hashes; different inputs give different hashes but
     * for rare collisions (a caller compares the values of a nominated row exactly). Of an empty list,
     * a constant.
     */
    Sql rowHash(List<Sql> values);

    /** The canonical text of values and rows, and the digest of a group, in this engine (see {@link CanonicalText}). */
    CanonicalText canonicalText();

    /**
     * How the engine spells strings and comments, for reading SQL a user wrote ({@link SqlLexer}). The
     * default is standard strings (a quote doubled inside, a backslash is a backslash), nested block
     * comments and dollar-quoted strings.
     */
    default SqlLexer.Syntax syntax() {
        return SqlLexer.Syntax.STANDARD;
    }

    // ---------------------------------------------------------------- aggregates

    /** An aggregate: the number of rows where {@code condition} holds (0 for none). */
    default Sql countIf(Sql condition) {
        return sql().sql("COUNT(CASE WHEN ").append(condition).sql(" THEN 1 END)").build();
    }

    /**
     * An aggregate: the number of distinct tuples of {@code values} among the rows where
     * {@code condition} holds (a tuple with NULLs counts, as one more distinct tuple per NULL pattern).
     */
    Sql countDistinctIf(List<Sql> values, Sql condition);

    /**
     * An aggregate: up to {@code limit} rows where {@code condition} holds, the smallest
     * {@code orderBy} tuple first, as JSON text: an array of objects whose keys are the field names
     * and whose values are the JSON of {@code values} (strings as JSON strings, NULL as null). NULL or
     * {@code []} when no row qualifies.
     */
    Sql firstRowsJson(List<ColumnName> fields, List<Sql> values, List<Sql> orderBy, int limit, Sql condition);

    /**
     * An aggregate: the rows where {@code condition} holds, as one list of records with the given
     * fields (each value of its field's type); read back as a table with {@link #unnest} given the
     * same fields. Empty or NULL when no row qualifies.
     *
     * @param fields the records' fields, in order
     * @param values one expression per field
     * @throws IllegalArgumentException if there are not as many values as fields
     */
    Sql collect(List<RecordField> fields, List<Sql> values, Sql condition);

    /**
     * A relation for a FROM clause: one row per record of the list column {@code column} of the
     * one-row relation named {@code relation} (a CTE), whose fields are read as {@code alias.field}
     * with their types. No row when the list is empty or NULL.
     *
     * @param relation the name of a one-row CTE, e.g. {@code Sql.of("n")}
     * @param column a column of it holding a {@link #collect} list
     * @param fields the fields given to {@link #collect}, in the same order (an engine may need their types to read the records)
     * @param alias the alias of the new relation, e.g. {@code Sql.of("d")}
     */
    Sql unnest(Sql relation, ColumnName column, List<RecordField> fields, Sql alias);

    // ---------------------------------------------------------------- files

    /**
     * A relation for a FROM clause that reads landed files in place, with the files' own column names
     * and types (as {@link Warehouse#load} with {@link LoadRequest.Columns#INFERRED} would type them),
     * if the engine can query these files without loading them first; empty by default. A caller that
     * gets one selects from the files straight into its target in one statement, instead of loading
     * them into a scratch table and copying that: one write of the rows instead of two.
     *
     * @param files the files, as {@link LoadRequest#files()} takes them
     */
    default Optional<Sql> scanFiles(List<URI> files, FileFormat format) {
        return Optional.empty();
    }

    /**
     * For inserts whose rows need no order (a staging load of landed files): the statement that lets the engine
     * write them in any order, and the one that restores its default afterwards; empty by default, where keeping the
     * order costs nothing. An engine that keeps a multi-file insert in the files' order by holding small batches back
     * and writing their rows a second time later returns the pair, so that such an insert writes every row once.
     */
    default Optional<SessionSetting> unorderedInserts() {
        return Optional.empty();
    }

    /** A session setting: the statement that sets it, and the one that restores the engine's default. */
    record SessionSetting(Sql set, Sql reset) {
        /** Validates. */
        public SessionSetting {
            Objects.requireNonNull(set, "set is null");
            Objects.requireNonNull(reset, "reset is null");
        }
    }

    // ---------------------------------------------------------------- statements

    /**
     * The statements, in order, that {@link Warehouse#createTableAs} runs for {@link WriteMode#REPLACE}
     * of a plain table (or of no table yet): {@code target} then holds the rows of {@code select} and
     * nothing else. A dry run shows these, so it shows what runs. The default is standard
     * {@code CREATE OR REPLACE TABLE ... AS}; an engine without it overrides this, and its warehouse
     * runs what this returns: one statement writing the rows among statements that only define or
     * drop. A person may run them by hand, stopping anywhere: none may fail on what an earlier,
     * stopped run left.
     *
     * @param select a query, used as it is (a warehouse may wrap it, e.g. to sort the rows)
     */
    default List<Sql> replaceTableAs(TableId target, Sql select) {
        return List.of(sql().sql("CREATE OR REPLACE TABLE ").table(target).sql(" AS ").append(select).build());
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} with the given columns (types by {@link #typeName}, NOT NULL
     * where a column is not nullable).
     */
    default Sql createTableIfNotExists(TableId table, List<ColumnInfo> columns) {
        SqlBuilder b = sql().sql("CREATE TABLE IF NOT EXISTS ").table(table).sql(" (");
        b.join(columns, c -> {
            b.id(c.name()).sql(" ").type(c.type());
            if (!c.nullable()) {
                b.sql(" NOT NULL");
            }
        });
        return b.sql(")").build();
    }

    /** {@code ALTER TABLE ... ADD COLUMN}: a nullable column, NULL in every existing row. */
    default Sql addColumn(TableId table, ColumnName column, DataType type) {
        return sql().sql("ALTER TABLE ").table(table).sql(" ADD COLUMN ").id(column).sql(" ").type(type).build();
    }

    /** {@code ALTER TABLE ... ALTER COLUMN ... SET DATA TYPE}: a widening, whose existing values all convert. */
    default Sql alterColumnType(TableId table, ColumnName column, DataType type) {
        return sql().sql("ALTER TABLE ").table(table).sql(" ALTER COLUMN ").id(column).sql(" SET DATA TYPE ").type(type).build();
    }

    /** {@code ALTER TABLE ... RENAME COLUMN ... TO ...}: the values stay, under the new name. */
    default Sql renameColumn(TableId table, ColumnName from, ColumnName to) {
        return sql().sql("ALTER TABLE ").table(table).sql(" RENAME COLUMN ").id(from).sql(" TO ").id(to).build();
    }

    /** {@code ALTER TABLE ... DROP COLUMN}: the column and its values are gone. */
    default Sql dropColumn(TableId table, ColumnName column) {
        return sql().sql("ALTER TABLE ").table(table).sql(" DROP COLUMN ").id(column).build();
    }
}
