package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code meshkit_meta.retained_columns}: the columns a table keeps for history after their removal was accepted,
 * one row per table and column. A removal is breaking, so a tool refuses it until the user accepts it once (ingest's
 * {@code --allow-breaking} for a staging table; a new major contract version for a dimension); the tool then records
 * it here, and later runs, and the linter's drift check, read the column as kept rather than as a new removal or an
 * undocumented column. A column that comes back is forgotten, so that removing it again is a new breaking change.
 *
 * <p>{@code table_name} is the table as {@link DatasetKey} names datasets (lower case {@code namespace.table}): the
 * staging table for ingest, the dataset's production table for a dimension (its candidate keeps the same columns).
 *
 * <pre>
 * SELECT table_name, column_name, retained_by, recorded_at FROM meshkit_meta.retained_columns ORDER BY 1, 2
 * </pre>
 */
public final class RetainedColumns {
    /** The table. */
    public static final TableId TABLE = Namespace.META.table("retained_columns");

    private final Warehouse warehouse;
    private final Dialect dialect;

    /** The record in a warehouse. */
    public RetainedColumns(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.dialect = warehouse.dialect();
    }

    /** Creates the table if it does not exist. */
    public void initialise() {
        warehouse.createNamespace(Namespace.META);
        warehouse.execute(dialect.createTableIfNotExists(TABLE, List.of(col("table_name"), col("column_name"), col("retained_by"),
                new ColumnInfo(ColumnName.of("recorded_at"), DataType.TIMESTAMP, DataType.TIMESTAMP.toString(), false))));
    }

    /**
     * The columns {@code table} keeps for history, as recorded (empty when none, or when nothing was ever recorded:
     * reading never creates the table).
     */
    public List<ColumnName> of(TableId table) {
        requireNonNull(table, "table is null");
        if (warehouse.columns(TABLE).isEmpty()) {
            return List.of();
        }
        List<ColumnName> out = new ArrayList<>();
        try (ResultRows rows = warehouse.query(dialect.sql().sql("SELECT column_name FROM ").table(TABLE).sql(" WHERE table_name = ")
                .bind(DatasetKey.of(table)).sql(" ORDER BY column_name").build())) {
            for (Row r : rows) {
                out.add(ColumnName.of(r.getString("column_name")));
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code column} is among {@code retained}, compared as warehouses compare names (case-insensitive). */
    public static boolean contains(Collection<ColumnName> retained, ColumnName column) {
        String c = lower(column);
        return retained.stream().anyMatch(r -> lower(r).equals(c));
    }

    /**
     * The statements that record {@code columns} as kept by {@code table} (none when the list is empty); columns
     * recorded before are recorded once.
     *
     * @param retainedBy the tool that accepted the removal, e.g. {@code ingest} or {@code scd}
     */
    public List<Sql> record(TableId table, Collection<ColumnName> columns, String retainedBy, Instant at) {
        requireNonNull(table, "table is null");
        requireNonNull(retainedBy, "retainedBy is null");
        requireNonNull(at, "at is null");
        if (columns.isEmpty()) {
            return List.of();
        }
        String key = DatasetKey.of(table);
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        SqlBuilder insert = dialect.sql().sql("INSERT INTO ").table(TABLE).sql(" (table_name, column_name, retained_by, recorded_at) VALUES ");
        insert.join(columns, c -> insert.sql("(").binds(List.of(key, c.name(), retainedBy, when)).sql(")"));
        return forget(table, columns).map(delete -> List.of(delete, insert.build())).orElseGet(() -> List.of(insert.build()));
    }

    /** The statement that forgets {@code columns} of {@code table} (they came back, or were dropped), if any. */
    public Optional<Sql> forget(TableId table, Collection<ColumnName> columns) {
        requireNonNull(table, "table is null");
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        SqlBuilder delete = dialect.sql().sql("DELETE FROM ").table(TABLE).sql(" WHERE table_name = ").bind(DatasetKey.of(table))
                .sql(" AND LOWER(column_name) IN (");
        delete.join(columns, c -> delete.bind(lower(c)));
        return Optional.of(delete.sql(")").build());
    }

    private static ColumnInfo col(String name) {
        return new ColumnInfo(ColumnName.of(name), DataType.VARCHAR, DataType.VARCHAR.toString(), false);
    }

    private static String lower(ColumnName c) {
        return c.name().toLowerCase(Locale.ROOT);
    }
}
