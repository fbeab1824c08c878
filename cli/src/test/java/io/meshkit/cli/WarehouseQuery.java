package io.meshkit.cli;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

    /**
     * A table as text to compare across warehouses: its column names, then each row, sorted; numbers
     * by value (not scale), bytes as a list, the rest as {@link String#valueOf}.
     */
    public static List<String> tableText(String uri, TableId table) {
        List<String> rows = new ArrayList<>();
        try (Warehouse w = Warehouses.open(uri); ResultRows result = w.query(w.dialect().sql().sql("SELECT * FROM ").table(table).build())) {
            List<String> names = result.columns().stream().map(c -> c.name().name().toLowerCase(Locale.ROOT)).toList();
            for (Row r : result) {
                List<String> values = new ArrayList<>();
                for (Object v : r.values()) {
                    values.add(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                            : v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v));
                }
                rows.add(String.join(" | ", values));
            }
            rows.sort(null);
            rows.add(0, String.join(" | ", names));
        }
        return rows;
    }
}
