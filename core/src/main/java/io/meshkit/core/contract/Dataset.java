package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A dataset of a contract: an ODCS {@code schema} object.
 *
 * @param name the logical name
 * @param physicalName the warehouse table name when it differs from the name, else null
 * @param description the description, or null
 * @param kind how meshkit keeps it ({@code meshkit.kind}), or null when unspecified
 * @param timeResolution the time grain ({@code meshkit.timeResolution}), {@link TimeResolution#DAY} by default
 * @param samplingKey the column to sample by ({@code meshkit.samplingKey})
 * @param deletes what a dimension does with deleted keys ({@code meshkit.deletes}), {@link DeletesMode#CLOSE} by default
 * @param columns the columns in declaration order
 * @param quality the dataset-level quality rules
 * @param customProperties custom properties other than {@code meshkit.*} ones (the linter's {@code meshkit.lint.*} are kept,
 *     and so is {@code meshkit.removedColumns}, validated)
 * @param physicalType what the object is where it lives ({@code table}, {@code view}, {@code topic}...), as written, or null
 * @param businessName the business name, or null
 * @param tags the tags
 */
public record Dataset(
        String name,
        String physicalName,
        String description,
        DatasetKind kind,
        TimeResolution timeResolution,
        Optional<ColumnName> samplingKey,
        DeletesMode deletes,
        List<Column> columns,
        List<QualityRule> quality,
        Map<String, Object> customProperties,
        String physicalType,
        String businessName,
        List<String> tags) {

    /** Validates, applies defaults and copies. */
    public Dataset {
        requireNonNull(name, "name is null");
        timeResolution = timeResolution == null ? TimeResolution.DAY : timeResolution;
        samplingKey = samplingKey == null ? Optional.empty() : samplingKey;
        deletes = deletes == null ? DeletesMode.CLOSE : deletes;
        columns = CollectionsUtil.list(columns);
        quality = CollectionsUtil.list(quality);
        customProperties = CollectionsUtil.map(customProperties);
        tags = CollectionsUtil.list(tags);
    }

    /** What a dimension does with columns a new major version removed ({@code meshkit.removedColumns}). */
    public RemovedColumns removedColumns() {
        return customProperties.get("meshkit.removedColumns") instanceof String s
                ? RemovedColumns.fromOdcs(s).orElse(RemovedColumns.KEEP) : RemovedColumns.KEEP;
    }

    /**
     * The columns, or an exception for a tool that needs a table when the contract lists none (ODCS allows a
     * schema object without properties).
     *
     * @param tool what needs them, e.g. {@code build a dimension}
     * @throws MeshkitException (exit 2) when the dataset lists no properties
     */
    public List<Column> requireColumns(String tool) {
        if (columns.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_CONTRACT, "Cannot " + tool + " for dataset " + name
                    + ": its schema object lists no properties, and a table needs columns");
        }
        return columns;
    }

    /** The warehouse table name: the physical name if set, else the name. */
    public String tableName() {
        return physicalName != null ? physicalName : name;
    }

    /** The primary key columns, by {@code primaryKeyPosition} and then declaration order. */
    public List<Column> primaryKey() {
        return IntStream.range(0, columns.size())
                .filter(i -> columns.get(i).primaryKey())
                .boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> {
                    int p = columns.get(i).primaryKeyPosition();
                    return p == -1 ? Integer.MAX_VALUE : p;
                }).thenComparingInt(i -> i))
                .map(columns::get)
                .toList();
    }

    /** The column with this logical name, if any. */
    public Optional<Column> column(String name) {
        requireNonNull(name, "name is null");
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
