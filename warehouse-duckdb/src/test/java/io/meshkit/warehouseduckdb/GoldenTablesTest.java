package io.meshkit.warehouseduckdb;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.testing.AbstractGoldenTablesTest;

/** The golden-test judge on DuckDB (in memory). */
class GoldenTablesTest extends AbstractGoldenTablesTest {
    @Override
    protected Warehouse createWarehouse() {
        return Warehouses.open("duckdb::memory:");
    }
}
