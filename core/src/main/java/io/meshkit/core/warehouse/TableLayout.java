package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import java.util.List;
import java.util.Optional;

/**
 * How a table created by {@link Warehouse#createTableAs} lays out its rows. DuckDB sorts by the
 * clustering columns then the ordering columns (so zone maps skip row groups); BigQuery clusters and
 * partitions.
 *
 * @param clusterBy columns to cluster (BigQuery) or sort (DuckDB) by, at most four
 * @param orderBy columns to sort by after the clustering columns
 * @param partitionBy a DATE or TIMESTAMP column to partition by, where the engine partitions
 */
public record TableLayout(List<ColumnName> clusterBy, List<ColumnName> orderBy, Optional<ColumnName> partitionBy) {
    /** No particular layout. */
    public static final TableLayout NONE = new TableLayout(List.of(), List.of(), Optional.empty());

    /** Copies the lists and checks the clustering limit. */
    public TableLayout {
        clusterBy = List.copyOf(clusterBy);
        orderBy = List.copyOf(orderBy);
        requireNonNull(partitionBy, "partitionBy is null");
        if (clusterBy.size() > 4) {
            throw new IllegalArgumentException("at most four clustering columns");
        }
    }

    /** Rows sorted by the given columns. */
    public static TableLayout orderedBy(List<ColumnName> columns) {
        return new TableLayout(List.of(), columns, Optional.empty());
    }

    /** Rows clustered by the given columns. */
    public static TableLayout clusteredBy(List<ColumnName> columns) {
        return new TableLayout(columns, List.of(), Optional.empty());
    }
}
