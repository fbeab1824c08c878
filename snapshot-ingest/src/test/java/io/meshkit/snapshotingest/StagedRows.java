package io.meshkit.snapshotingest;

import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a run staged, read back from its DuckDB file. */
final class StagedRows {
    private StagedRows() {}

    /** The rows a query returns from the DuckDB warehouse in {@code file}, each as its list of values. */
    static List<List<Object>> query(Path file, String sql) {
        try (Warehouse w = Warehouses.open("duckdb:" + file); ResultRows rows = w.query(Sql.of(sql))) {
            List<List<Object>> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new ArrayList<>(r.values()));
            }
            return out;
        }
    }
}
