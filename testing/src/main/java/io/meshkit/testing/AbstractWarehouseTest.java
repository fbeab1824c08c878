package io.meshkit.testing;

import io.meshkit.core.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class run against one warehouse: {@link #createWarehouse()} is called once per class (so a
 * remote warehouse is connected once), and the warehouse is closed after the class's last test and
 * its own {@code @AfterAll} methods. The base of {@link WarehouseContractTest} and
 * {@link AbstractGoldenTablesTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractWarehouseTest {
    private Warehouse warehouse;

    /** Opens the warehouse under test. */
    protected abstract Warehouse createWarehouse();

    /** The warehouse under test. */
    protected final Warehouse warehouse() {
        return warehouse;
    }

    @BeforeAll
    final void openWarehouse() {
        warehouse = createWarehouse();
    }

    @AfterAll
    final void closeWarehouse() {
        if (warehouse != null) {
            warehouse.close();
        }
    }
}
