package io.meshkit.core.warehouse;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A warehouse that estimates what a range scan reads, without running it: the cost a sampled query
 * reports when the engine does not report its bytes, and what a rate recommendation compares.
 */
public interface SupportsScanEstimate {
    /**
     * The bytes a query reads that selects {@code columns} of {@code table} and keeps the rows with
     * {@code rangeColumn < below}, in logical bytes as BigQuery bills them: 8 per number, date or
     * timestamp, 1 per boolean, 16 per decimal, 2 plus the UTF-8 length per string. An engine that
     * skips storage blocks by their minimum counts only the blocks that may hold such a row (all of
     * them when {@code below} is above every value). Reads no table data.
     *
     * @param table the table as {@link Warehouse#describe} gave it
     * @return empty when the engine has no statistics for this table
     */
    OptionalLong estimateScanBytes(TableInfo table, Set<ColumnName> columns, ColumnName rangeColumn, double below);

    /**
     * The logical bytes of {@code rows} values of a type, as {@link #estimateScanBytes} counts them:
     * 1 per boolean or tinyint, 16 per decimal, huge integer or UUID, 2 per value plus
     * {@code stringBytes} (their UTF-8 length in all) for strings, JSON and binary, 8 otherwise.
     */
    static long logicalBytes(DataType type, long rows, long stringBytes) {
        return switch (type.kind()) {
            case BOOLEAN, TINYINT -> rows;
            case DECIMAL, HUGEINT, UUID -> 16 * rows;
            case VARCHAR, JSON, BINARY -> 2 * rows + stringBytes;
            default -> 8 * rows;
        };
    }
}
