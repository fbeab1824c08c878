package io.meshkit.cli;

import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.util.ArrayList;
import java.util.List;

/** Reads a query's rows from a warehouse, for assertions on what a command wrote. */
public final class WarehouseQuery {
    private WarehouseQuery() {
    }

    /** Every row of the query, as lists of values. */
    public static List<List<Object>> rows(String uri, String sql) {
        List<List<Object>> out = new ArrayList<>();
        try (Warehouse w = Warehouses.open(uri); ResultRows rows = w.query(Sql.of(sql))) {
            for (Row r : rows) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < r.columns().size(); i++) {
                    values.add(r.get(i));
                }
                out.add(values);
            }
        }
        return out;
    }

    /** The first value of the first row, as a long (a count). */
    public static long count(String uri, String sql) {
        return ((Number) rows(uri, sql).get(0).get(0)).longValue();
    }
}
