package io.meshkit.snapshotingest.api;

import java.util.List;

/**
 * What a snapshot of one table would do (a dry run: no table data read).
 *
 * @param dataset the dataset
 * @param sourceTable the MySQL table
 * @param chunks how the table would be split
 * @param columns each landed column as {@code name mysql-type -> TYPE}
 * @param drift how MySQL differs from the contract
 * @param warnings one-line warnings
 */
public record TablePlan(String dataset, String sourceTable, ChunkPlan chunks, List<String> columns, Drift drift, List<String> warnings) {
    /** Copies. */
    public TablePlan {
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
