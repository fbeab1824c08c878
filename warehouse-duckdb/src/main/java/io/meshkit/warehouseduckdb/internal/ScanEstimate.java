package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bytes a range scan reads, from DuckDB's storage metadata ({@code pragma_storage_info}), so the
 * estimate reads no table data: the rows of the row groups DuckDB cannot skip (a row group is read
 * when the smallest value of the range column in it is below the bound), counted in logical bytes
 * as BigQuery bills them, string lengths from the same metadata.
 */
final class ScanEstimate {
    private ScanEstimate() {}

    static OptionalLong bytes(Warehouse warehouse, TableInfo table, Set<ColumnName> columns, ColumnName rangeColumn, double below) {
        Set<String> wanted = new HashSet<>();
        columns.forEach(c -> wanted.add(c.name().toLowerCase(Locale.ROOT)));
        // the table's name is bound (quoted by the dialect), the bound too: no user text in the SQL
        Sql sql = warehouse.dialect().sql()
                .sql("WITH s AS (SELECT row_group_id, column_name, count, stats FROM pragma_storage_info(")
                .bind(warehouse.dialect().quote(table.id()))
                .sql(") WHERE segment_type <> 'VALIDITY'), rg AS (SELECT row_group_id FROM s WHERE lower(column_name) = ")
                .bind(rangeColumn.name().toLowerCase(Locale.ROOT))
                .sql(" GROUP BY row_group_id HAVING min(CAST(stats.min AS DOUBLE)) < ")
                .bind(below)
                .sql(") SELECT column_name, sum(count) AS n, sum(CAST(stats.total_string_length AS BIGINT)) AS chars FROM s"
                        + " WHERE row_group_id IN (SELECT row_group_id FROM rg) GROUP BY column_name")
                .build();
        Map<String, ColumnInfo> byName = new TreeMap<>();
        table.columns().forEach(c -> byName.put(c.name().name().toLowerCase(Locale.ROOT), c));
        long bytes = 0;
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row r : rows) {
                String name = r.getString("column_name").toLowerCase(Locale.ROOT);
                ColumnInfo info = byName.get(name);
                if (info == null || !wanted.contains(name)) {
                    continue;
                }
                long n = r.getLong("n");
                Long chars = r.getLong("chars");
                bytes += logicalBytes(info.type(), n, chars == null ? 0 : chars);
            }
        } catch (MeshkitException e) {
            return OptionalLong.empty(); // metadata this DuckDB version does not offer: no estimate rather than a failed query
        }
        return OptionalLong.of(bytes);
    }

    static long logicalBytes(DataType type, long rows, long stringBytes) {
        return switch (type.kind()) {
            case BOOLEAN, TINYINT -> rows;
            case DECIMAL, HUGEINT, UUID -> 16 * rows;
            case VARCHAR, JSON, BINARY -> 2 * rows + stringBytes;
            default -> 8 * rows;
        };
    }
}
