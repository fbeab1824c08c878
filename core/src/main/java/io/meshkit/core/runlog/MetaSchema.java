package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The versions of the bookkeeping tables in {@code meshkit_meta}: table {@code schema_versions}, one
 * row per migration applied to a component's tables ({@code run_log}, {@code scd_applied}, ...).
 * A component lists its migrations; {@link #migrate} applies those newer than the recorded version,
 * in order, each with its version row (in one transaction where the warehouse has them), so a
 * run log written by an older meshkit is brought up to date once, on first use, and no history is
 * lost. Migrations are idempotent: two processes that start at once may both apply one.
 */
public final class MetaSchema {
    /** The versions table. */
    public static final TableId VERSIONS = Namespace.META.table("schema_versions");

    private MetaSchema() {}

    /**
     * One migration.
     *
     * @param version its number, from 1, in the order they are applied
     * @param description what it changes, recorded with it
     * @param statements what it runs
     */
    public record Migration(int version, String description, List<Sql> statements) {
        /** Validates and copies. */
        public Migration {
            if (version < 1) {
                throw new IllegalArgumentException("version must be at least 1");
            }
            requireNonNull(description, "description is null");
            statements = List.copyOf(statements);
        }
    }

    /**
     * Applies the migrations of {@code component} newer than its recorded version, in version order.
     * The tables they change must exist.
     *
     * @return the number of migrations applied
     */
    public static int migrate(Warehouse warehouse, Clock clock, String component, List<Migration> migrations) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(component, "component is null");
        var dialect = warehouse.dialect();
        warehouse.createNamespace(Namespace.META);
        warehouse.execute(dialect.createTableIfNotExists(VERSIONS, List.of(
                col("component", DataType.VARCHAR), col("version", DataType.BIGINT), col("description", DataType.VARCHAR),
                col("applied_at", DataType.TIMESTAMP))));
        long current = 0;
        try (ResultRows rows = warehouse.query(dialect.sql().sql("SELECT MAX(version) AS v FROM ").table(VERSIONS)
                .sql(" WHERE component = ").bind(component).build())) {
            for (Row r : rows) {
                Long v = r.getLong("v");
                current = v == null ? 0 : v;
            }
        }
        int applied = 0;
        for (Migration m : migrations.stream().sorted(java.util.Comparator.comparingInt(Migration::version)).toList()) {
            if (m.version() <= current) {
                continue;
            }
            Sql record = dialect.sql().sql("INSERT INTO ").table(VERSIONS).sql(" (component, version, description, applied_at) VALUES (")
                    .binds(List.of(component, (long) m.version(), m.description(), LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                    .sql(")").build();
            if (warehouse instanceof SupportsTransactions tx) {
                tx.inTransaction(w -> {
                    m.statements().forEach(w::execute);
                    w.execute(record);
                    return null;
                });
            } else {
                m.statements().forEach(warehouse::execute);
                warehouse.execute(record);
            }
            applied++;
        }
        return applied;
    }

    private static ColumnInfo col(String name, DataType type) {
        return new ColumnInfo(ColumnName.of(name), type, type.toString(), false);
    }
}
