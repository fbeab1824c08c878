package io.meshkit.snapshotingest.api;

import io.meshkit.core.identifier.TableId;
import java.util.List;

/**
 * What a snapshot of one table would do (a dry run: no table data read).
 *
 * @param dataset the dataset
 * @param sourceTable the MySQL table
 * @param sourceDatabase the MySQL database
 * @param staging the staging table
 * @param chunks how the table would be split
 * @param columns each landed column as {@code name mysql-type -> TYPE}
 * @param drift how MySQL differs from the contract
 * @param warnings one-line warnings
 */
public record TablePlan(String dataset, String sourceTable, String sourceDatabase, TableId staging, ChunkPlan chunks, List<String> columns,
        Drift drift, List<String> warnings) {
    /** Copies. */
    public TablePlan {
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
