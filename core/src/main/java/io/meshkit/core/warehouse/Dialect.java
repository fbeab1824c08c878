package io.meshkit.core.warehouse;

import io.meshkit.core.contract.TimeResolution;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import java.util.List;
import java.util.Optional;

/**
 * How one warehouse spells SQL: quoting, types, and the building blocks several tools share. Every
 * identifier that reaches SQL passes through {@link #quote}; no caller quotes by hand.
 */
public interface Dialect {
    /** A short name, e.g. {@code duckdb}. */
    String name();

    /** Quotes a single identifier, escaping whatever the engine requires. */
    String quoteIdentifier(String name);

    /** Quotes a column name. */
    default String quote(ColumnName column) {
        return quoteIdentifier(column.name());
    }

    /** Quotes a namespace. */
    default String quote(Namespace namespace) {
        return quoteIdentifier(namespace.name());
    }

    /** Quotes a qualified table name. */
    default String quote(TableId table) {
        return quote(table.namespace()) + "." + quoteIdentifier(table.name());
    }

    /** The engine's spelling of a portable type, e.g. {@code DECIMAL(10,2)} or {@code NUMERIC(10, 2)}. */
    String typeName(DataType type);

    /** The portable type of a type name the engine reports, or empty if it has none. */
    Optional<DataType> parseType(String engineTypeName);

    /**
     * An expression over the given columns whose value is equal for two rows exactly when the
     * columns are equal (NULLs equal to NULLs, a NULL distinct from every value, no ambiguity between
     * adjacent columns). Used for change detection in SCD and for diffs.
     */
    String rowFingerprint(List<ColumnName> columns);

    /**
     * The sampling value of a key expression: a DOUBLE in [0, 1) equal, bit for bit, to
     * {@link io.meshkit.core.sampling.SamplingValue#of(String)} of the key's canonical text.
     *
     * @param keyExpression an expression already in this dialect (e.g. a quoted column)
     */
    String samplingValue(String keyExpression);

    /**
     * An expression that truncates a TIMESTAMP expression to the start of its hour or day, e.g.
     * {@code date_trunc('day', x)}. The default is the spelling DuckDB and PostgreSQL share; BigQuery
     * spells it {@code DATETIME_TRUNC(x, DAY)} (meshkit's TIMESTAMP is a DATETIME there) and overrides this.
     *
     * @param timestampExpression an expression already in this dialect (e.g. a quoted column)
     */
    default String truncateTime(String timestampExpression, TimeResolution resolution) {
        String unit = switch (resolution) {
            case HOUR -> "hour";
            case DAY -> "day";
        };
        return "date_trunc('" + unit + "', " + timestampExpression + ")";
    }

    /** The sampling value of a column. */
    default String samplingValue(ColumnName key) {
        return samplingValue(quote(key));
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} with the given columns (types by {@link #typeName}, NOT NULL
     * where a column is not nullable).
     */
    default Sql createTableIfNotExists(TableId table, List<ColumnInfo> columns) {
        SqlBuilder b = sql().sql("CREATE TABLE IF NOT EXISTS ").table(table).sql(" (");
        b.join(columns, c -> {
            b.id(c.name()).sql(" ").sql(typeName(c.type()));
            if (!c.nullable()) {
                b.sql(" NOT NULL");
            }
        });
        return b.sql(")").build();
    }

    /** A builder for a statement in this dialect. */
    default SqlBuilder sql() {
        return new SqlBuilder(this);
    }
}
