package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import java.util.Optional;

/**
 * The catalog consumers query to see what is published: the view {@code meshkit_meta.datasets},
 * one row per dataset with its latest publication (version, contract version, production table,
 * rows, checksum, when and by whom). It is a view over {@link WarehouseRunLog#PUBLICATIONS}, so it
 * is always current and costs nothing to keep.
 *
 * <pre>
 * SELECT dataset, version, published_at, published_by FROM meshkit_meta.datasets ORDER BY dataset
 * </pre>
 */
public final class DatasetCatalog {
    /** The catalog view. */
    public static final TableId DATASETS = Namespace.META.table("datasets");

    private DatasetCatalog() {}

    /**
     * Creates (or re-creates) the catalog view, and the run log tables it reads if they do not
     * exist yet. Idempotent.
     */
    public static void create(Warehouse warehouse, WarehouseRunLog runLog) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(runLog, "runLog is null");
        runLog.initialise();
        warehouse.execute(createView(warehouse.dialect()));
    }

    /** {@code CREATE OR REPLACE VIEW meshkit_meta.datasets}: portable SQL (a window in a subquery). */
    public static Sql createView(Dialect dialect) {
        String columns = "dataset, version, contract_version, table_namespace, table_name, row_count, checksum,"
                + " published_at, published_by, run_id";
        return dialect.sql().sql("CREATE OR REPLACE VIEW ").table(DATASETS).sql(" AS SELECT " + columns + " FROM (SELECT "
                + columns + ", ROW_NUMBER() OVER (PARTITION BY dataset ORDER BY published_at DESC, version DESC) AS publication_rank"
                + " FROM ").table(WarehouseRunLog.PUBLICATIONS).sql(") AS latest WHERE publication_rank = 1").build();
    }

    /**
     * The contract version of the latest publication of the dataset whose production table is {@code production}
     * ({@code 1.1.0}), read from {@link WarehouseRunLog#PUBLICATIONS}; empty when it was never published (or nothing
     * ever was in this warehouse: reading creates nothing, so a linter may ask).
     */
    public static Optional<String> publishedContractVersion(Warehouse warehouse, TableId production) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(production, "production is null");
        if (warehouse.columns(WarehouseRunLog.PUBLICATIONS).isEmpty()) {
            return Optional.empty();
        }
        try (ResultRows rows = warehouse.query(warehouse.dialect().sql().sql("SELECT contract_version FROM ")
                .table(WarehouseRunLog.PUBLICATIONS).sql(" WHERE dataset = ").bind(DatasetKey.of(production))
                .sql(" ORDER BY published_at DESC, version DESC LIMIT 1").build())) {
            for (Row r : rows) {
                return Optional.ofNullable(r.getString("contract_version"));
            }
        }
        return Optional.empty();
    }
}
