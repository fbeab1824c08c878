package io.meshkit.warehouseduckdb;

import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.WarehouseContractTest;
import java.nio.file.Path;
import java.util.Map;

/** DuckDB passes the warehouse contract, in memory. */
class DuckDbWarehouseTest extends WarehouseContractTest {
    @Override
    protected Warehouse createWarehouse() {
        return new DuckDbWarehouseProvider().open("duckdb::memory:", Map.of("threads", "4"));
    }

    @Override
    protected Sql generateSeries(long count) {
        return warehouse().dialect().sql().sql("SELECT range AS n FROM range(").bind(count).sql(")").build();
    }

    @Override
    protected boolean supportsParquetExport() {
        return true;
    }

    @Override
    protected void exportParquet(Sql query, Path file) {
        // COPY takes the file name as a bound value
        warehouse().execute(warehouse().dialect().sql().sql("COPY (").append(query).sql(") TO ").bind(file.toString())
                .sql(" (FORMAT PARQUET)").build());
    }

    @Override
    protected boolean keepsInsertionOrder() {
        return true;
    }
}
