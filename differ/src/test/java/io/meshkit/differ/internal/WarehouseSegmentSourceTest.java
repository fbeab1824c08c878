package io.meshkit.differ.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import org.junit.jupiter.api.Test;

/** The warehouse side of a cross-database diff describes its table from the catalog: it reads no row to do so. */
class WarehouseSegmentSourceTest {
    @Test
    void describesItsTableWithoutReadingItsRows() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            w.createNamespace(Namespace.of("raw"));
            w.createNamespace(Namespace.of("music"));
            w.execute(Sql.of("CREATE TABLE raw.tracks AS SELECT CAST(1 AS BIGINT) AS track_id, 'One' AS title, 'not a number' AS code"));
            w.execute(Sql.of("CREATE VIEW music.tracks AS SELECT track_id, title FROM raw.tracks WHERE CAST(code AS BIGINT) > 0"));
            assertThatThrownBy(() -> {
                try (ResultRows rows = w.query(Sql.of("SELECT count(*) FROM music.tracks"))) {
                    rows.iterator().next();
                }
            }).as("reading the view's rows fails").isInstanceOf(WarehouseException.class);

            assertThat(new WarehouseSegmentSource(w, TableId.of("music", "tracks"), false).describe())
                    .extracting(c -> c.name().name()).containsExactly("track_id", "title");
            assertThatThrownBy(() -> new WarehouseSegmentSource(w, TableId.of("music", "missing"), false).describe())
                    .isInstanceOf(NoSuchTableException.class);
        }
    }
}
