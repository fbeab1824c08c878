package io.meshkit.snapshotingest.internal;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * The primary-key check of a snapshot, set-based in the warehouse: how many key values occur more than once, and
 * how many rows have a NULL in a key column. snapshot-ingest words it the same way for MySQL snapshots and files
 * ({@link #describe}).
 *
 * @param duplicates key values that occur more than once
 * @param nulls rows with a NULL in a key column
 */
public record SnapshotKeys(long duplicates, long nulls) {
    /** Whether the key is unique and never NULL. */
    public boolean clean() {
        return duplicates == 0 && nulls == 0;
    }

    /** The key problems of the rows of {@code relation} (a SELECT), or none when the key is empty. */
    public static SnapshotKeys check(Warehouse warehouse, Sql relation, List<ColumnName> key) {
        if (key.isEmpty()) {
            return new SnapshotKeys(0, 0);
        }
        Dialect d = warehouse.dialect();
        SqlBuilder b = d.sql().sql("SELECT COALESCE(SUM(CASE WHEN meshkit_n > 1 THEN 1 ELSE 0 END), 0) AS dup, COALESCE(SUM(CASE WHEN ");
        b.join(key, " OR ", c -> b.id(c).sql(" IS NULL"));
        b.sql(" THEN meshkit_n ELSE 0 END), 0) AS nulls FROM (SELECT ").ids(key).sql(", COUNT(*) AS meshkit_n FROM (").append(relation)
                .sql(") s GROUP BY ").ids(key).sql(") g");
        try (ResultRows r = warehouse.query(b.build())) {
            Row row = r.iterator().next();
            return new SnapshotKeys(((Number) row.get("dup")).longValue(), ((Number) row.get("nulls")).longValue());
        }
    }

    /** The rows of a table, as a relation for {@link #check}. */
    public static Sql table(Warehouse warehouse, TableId table) {
        return warehouse.dialect().sql().sql("SELECT * FROM ").table(table).build();
    }

    /**
     * The problems in words, e.g. {@code 3 key values of (customer_id) occur more than once and 2 rows have a NULL key};
     * empty when clean.
     */
    public String describe(List<ColumnName> key) {
        List<String> parts = new ArrayList<>();
        String names = String.join(", ", key.stream().map(ColumnName::name).toList());
        if (duplicates > 0) {
            parts.add(duplicates + " key value" + (duplicates == 1 ? "" : "s") + " of (" + names + ") occur" + (duplicates == 1 ? "s" : "")
                    + " more than once");
        }
        if (nulls > 0) {
            parts.add(nulls + " row" + (nulls == 1 ? " has" : "s have") + " a NULL in the key (" + names + ")");
        }
        return String.join(" and ", parts);
    }
}
