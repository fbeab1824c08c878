package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A column of a dataset: an ODCS {@code property}.
 *
 * @param name the logical name
 * @param physicalName the warehouse column name when it differs from the name, else null
 * @param logicalType the ODCS logical type (derived from the physical type when not written)
 * @param physicalType the portable physical type (derived from the logical type when not written)
 * @param required whether the column may not be null
 * @param unique whether values are unique
 * @param primaryKey whether the column is part of the primary key
 * @param primaryKeyPosition the 1-based position in the primary key, or -1 when not given
 * @param classification the data classification (e.g. {@code pii}, {@code restricted}), or null
 * @param description the description, or null
 * @param partitioned whether the table is partitioned by this column
 * @param history how a dimension keeps the history of this column ({@code meshkit.history})
 * @param quality the column-level quality rules
 * @param customProperties custom properties other than {@code meshkit.*} ones (the linter's {@code meshkit.lint.*} are kept)
 */
public record Column(
        String name,
        String physicalName,
        LogicalType logicalType,
        DataType physicalType,
        boolean required,
        boolean unique,
        boolean primaryKey,
        int primaryKeyPosition,
        String classification,
        String description,
        boolean partitioned,
        HistoryMode history,
        List<QualityRule> quality,
        Map<String, Object> customProperties) {

    /** Validates, applies defaults and copies. */
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(logicalType, "logicalType is null");
        requireNonNull(physicalType, "physicalType is null");
        if (primaryKeyPosition < -1 || primaryKeyPosition == 0) {
            throw new IllegalArgumentException("primaryKeyPosition must be -1 or at least 1");
        }
        history = history == null ? HistoryMode.TYPE2 : history;
        quality = CollectionsUtil.list(quality);
        customProperties = CollectionsUtil.map(customProperties);
    }

    /** A plain column of the given type with no other settings. */
    public static Column of(String name, DataType type) {
        return new Column(name, null, type.logicalType(), type, false, false, false, -1, null, null, false,
                HistoryMode.TYPE2, List.of(), Map.of());
    }

    /** The warehouse column: the physical name if set, else the name. */
    public ColumnName columnName() {
        return ColumnName.of(physicalName != null ? physicalName : name);
    }

    /** Whether the column is classified as anything but {@code public}. */
    public boolean isPersonalData() {
        return classification != null && !classification.isBlank()
                && !classification.trim().toLowerCase(Locale.ROOT).equals("public");
    }
}
