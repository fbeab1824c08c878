package io.meshkit.warehousepostgres;

import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.WarehouseContractTest;
import java.nio.file.Path;
import java.util.Map;

/**
 * PostgreSQL passes the warehouse contract, on the server of {@link TestPostgres#URL} (each test in a
 * schema of its own, named with the process id, so parallel runs do not meet).
 */
class PostgresWarehouseTest extends WarehouseContractTest {
    @Override
    protected Warehouse createWarehouse() {
        return new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of());
    }

    @Override
    protected Sql generateSeries(long count) {
        return warehouse().dialect().sql().sql("SELECT CAST(n AS bigint) AS n FROM generate_series(0, ").bind(count - 1).sql(") AS g(n)").build();
    }

    @Override
    protected boolean supportsParquetExport() {
        return true;
    }

    /** PostgreSQL writes no Parquet: the rows go through an in-memory DuckDB, whose {@code COPY TO} writes the file. */
    @Override
    protected void exportParquet(Sql query, Path file) {
        ParquetFixtures.export(warehouse(), query, file, "");
    }

    /** PostgreSQL has no 1-byte integer: a TINYINT is a smallint. */
    @Override
    protected DataType expectedDescribedType(DataType written) {
        if (written.kind() == DataType.Kind.TINYINT) {
            return DataType.of(DataType.Kind.SMALLINT);
        }
        return super.expectedDescribedType(written);
    }
}
