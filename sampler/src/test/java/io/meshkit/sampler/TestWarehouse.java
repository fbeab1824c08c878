package io.meshkit.sampler;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.util.Map;

/** An in-memory DuckDB warehouse with a memory limit, for tests. */
final class TestWarehouse {
    private TestWarehouse() {}

    static Warehouse open() {
        return Warehouses.open("duckdb::memory:", Map.of("memory_limit", "1GB", "threads", "2"));
    }
}
