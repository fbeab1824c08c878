package io.meshkit.warehousepostgres;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.warehouse.Warehouse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests on the test server, each in a fresh schema of its own (named with the process id), dropped with its tables afterwards. */
abstract class AbstractSchemaTest {
    private final String prefix;
    protected Warehouse warehouse;
    protected Namespace namespace;

    AbstractSchemaTest(String prefix) {
        this.prefix = prefix;
    }

    @BeforeEach
    final void openSchema() {
        warehouse = new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of());
        namespace = Namespace.of(prefix + "_" + ProcessHandle.current().pid());
        dropSchema();
        warehouse.createNamespace(namespace);
    }

    @AfterEach
    final void closeSchema() {
        try {
            dropSchema();
        } finally {
            warehouse.close();
        }
    }

    private void dropSchema() {
        warehouse.execute(warehouse.dialect().sql().sql("DROP SCHEMA IF EXISTS ").namespace(namespace).sql(" CASCADE").build());
    }
}
