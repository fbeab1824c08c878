package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Metrics of a prepared table, grouped by dimensions, over the rows that pass the filters.
 *
 * @param table a table laid out by {@code prepare} (it has a {@code sampling_value} column)
 * @param samplingKey the column the sampling value was computed from (the user), for {@code users}
 * @param metrics the numbers to report, at least one, distinct names
 * @param dimensions the group-by columns, possibly none
 * @param filters the row filters, all of which must hold
 */
public record MetricQuery(TableId table, ColumnName samplingKey, List<Metric> metrics, List<ColumnName> dimensions, List<Filter> filters) {
    /** Validates and copies. */
    public MetricQuery {
        requireNonNull(table, "table is null");
        requireNonNull(samplingKey, "samplingKey is null");
        metrics = List.copyOf(metrics);
        dimensions = List.copyOf(dimensions);
        filters = List.copyOf(filters);
        if (metrics.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot query table " + table + ": no metric given (use --metric NAME=EXPR)");
        }
        Set<String> names = new HashSet<>();
        for (Metric m : metrics) {
            if (!names.add(m.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot query table " + table + ": metric " + m.name() + " is defined twice");
            }
        }
    }
}
