package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.snapshotingest.api.StagingChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A snapshot's columns are checked against the staging table's, read from the catalog: never by reading its rows. */
class StagingSchemaTest {
    private static final List<ColumnInfo> WANTED = List.of(new ColumnInfo(ColumnName.of("id"), DataType.BIGINT, "BIGINT", true),
            new ColumnInfo(ColumnName.of("name"), DataType.VARCHAR, "VARCHAR", true));

    @Test
    void checksTheStagingTableWithoutReadingItsRows() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            TableId staging = TableId.of("shop_staging", "customers");
            w.createNamespace(Namespace.of("raw"));
            w.createNamespace(staging.namespace());
            w.execute(Sql.of("CREATE TABLE raw.customers AS SELECT CAST(1 AS BIGINT) AS id, DATE '2026-01-01' AS snapshot_date,"
                    + " 'not a number' AS code"));
            w.execute(Sql.of("CREATE VIEW shop_staging.customers AS SELECT id, snapshot_date FROM raw.customers WHERE CAST(code AS BIGINT) > 0"));
            assertThatThrownBy(() -> {
                try (ResultRows rows = w.query(Sql.of("SELECT count(*) FROM shop_staging.customers"))) {
                    rows.iterator().next();
                }
            }).as("reading the view's rows fails").isInstanceOf(WarehouseException.class);

            List<StagingChange> changes = StagingSchema.check(w, staging, WANTED, Map.of(), StagingLoader.SNAPSHOT_DATE, false,
                    "stage snapshot 2026-01-02 into " + staging, "--allow-breaking");
            assertThat(changes).extracting(StagingChange::kind, c -> c.column().name()).containsExactly(
                    tuple(StagingChange.Kind.ADDED, "name"));
        }
    }
}
