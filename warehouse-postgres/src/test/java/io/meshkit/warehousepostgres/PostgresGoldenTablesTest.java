package io.meshkit.warehousepostgres;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.AbstractGoldenTablesTest;
import java.util.Map;

/**
 * The golden-test judge on PostgreSQL, on the server of {@link TestPostgres#URL}: the report of every
 * warehouse to the letter, though no line of the judge names one.
 */
class PostgresGoldenTablesTest extends AbstractGoldenTablesTest {
    @Override
    protected Warehouse createWarehouse() {
        return new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of());
    }
}
