package io.meshkit.differ.di;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.differ.api.Differ;
import io.meshkit.differ.api.SegmentSettings;
import io.meshkit.differ.internal.CrossDatabaseDiffer;
import io.meshkit.differ.internal.WarehouseDiffer;

/**
 * Where a {@link Differ} comes from, for callers in Java (the pipeline runner, tests, a team's own
 * code) and for {@link DiffComponent}. The implementations live in {@code internal}; this is the one
 * place outside it that names them, so {@code api} never does.
 */
public final class Differs {
    private Differs() {}

    /** Two tables of one warehouse, compared with set-based SQL in it; the warehouse stays the caller's. */
    public static Differ inWarehouse(Warehouse warehouse) {
        return new WarehouseDiffer(warehouse);
    }

    /**
     * Production in MySQL ({@code DATABASE.TABLE}), the candidate in a warehouse, compared segment by segment.
     *
     * @param jdbcUrl {@code jdbc:mysql://host:port/...}, without a password
     * @param password the password (from {@code MESHKIT_MYSQL_PASSWORD}), or null
     */
    public static Differ mysqlAgainstWarehouse(String jdbcUrl, String password, Warehouse warehouse, SegmentSettings settings) {
        return CrossDatabaseDiffer.mysqlAgainstWarehouse(jdbcUrl, password, warehouse, settings);
    }

    /** Production in one warehouse, the candidate in another, compared segment by segment; neither is closed. */
    public static Differ betweenWarehouses(Warehouse productionWarehouse, Warehouse candidateWarehouse, SegmentSettings settings) {
        return CrossDatabaseDiffer.betweenWarehouses(productionWarehouse, candidateWarehouse, settings);
    }
}
