package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A column of a dataset: an ODCS {@code property}, possibly nested. An object property's nested
 * {@code properties} are {@link #properties()}, and its type is a {@code STRUCT} of them; an array property's
 * {@code items} is {@link #items()}, and its type an {@code ARRAY} of the item's type.
 *
 * @param name the logical name (null only for the {@code items} of an array, which need not be named)
 * @param physicalName the name in the warehouse when it differs from the name, else null
 * @param logicalType the logical type: as written (a v3.0 {@code date} over a timestamp or time physical type
 *     read as {@code timestamp} or {@code time}), else derived from the physical type
 * @param physicalType the portable physical type: read from {@code physicalType} and nested properties, else
 *     derived from the logical type
 * @param required whether the column may not be null
 * @param unique whether values are unique
 * @param primaryKey whether the column is part of the primary key
 * @param primaryKeyPosition the 1-based position in the primary key, or -1 when not given
 * @param classification the data classification (e.g. {@code pii}, {@code restricted}), or null
 * @param description the description, or null
 * @param partitioned whether the table is partitioned by this column
 * @param history how a dimension keeps the history of this column ({@code meshkit.history})
 * @param quality the column-level quality rules
 * @param customProperties custom properties other than {@code meshkit.*} ones (the linter's {@code meshkit.lint.*}
 *     are kept, and so are the schema-evolution settings {@code meshkit.renamedFrom} and {@code meshkit.firstFill},
 *     validated), the first of each key
 * @param declaredPhysicalType the {@code physicalType} as written, or null
 * @param businessName the business name, or null
 * @param tags the tags
 * @param logicalTypeOptions the {@code logicalTypeOptions} as written
 * @param properties the nested properties of an object column, in order
 * @param items the element of an array column, or null
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
        Map<String, Object> customProperties,
        String declaredPhysicalType,
        String businessName,
        List<String> tags,
        Map<String, Object> logicalTypeOptions,
        List<Column> properties,
        Column items) {

    /** Validates, applies defaults and copies. */
    public Column {
        requireNonNull(logicalType, "logicalType is null");
        requireNonNull(physicalType, "physicalType is null");
        if (primaryKeyPosition < -1 || primaryKeyPosition == 0) {
            throw new IllegalArgumentException("primaryKeyPosition must be -1 or at least 1");
        }
        history = history == null ? HistoryMode.TYPE2 : history;
        quality = CollectionsUtil.list(quality);
        customProperties = CollectionsUtil.map(customProperties);
        tags = CollectionsUtil.list(tags);
        logicalTypeOptions = CollectionsUtil.map(logicalTypeOptions);
        properties = CollectionsUtil.list(properties);
    }

    /** A plain column of the given type with no other settings. */
    public static Column of(String name, DataType type) {
        return builder(requireNonNull(name, "name is null"), type).build();
    }

    /** A builder for a column of the given type. */
    public static Builder builder(String name, DataType type) {
        return new Builder(name, type);
    }

    /** The warehouse column: the physical name if set, else the name. */
    public ColumnName columnName() {
        return ColumnName.of(physicalName != null ? physicalName : requireNonNull(name, "an array item has no name"));
    }

    /** Whether the column is classified as anything but {@code public}. */
    public boolean isPersonalData() {
        return classification != null && !classification.isBlank()
                && !classification.trim().toLowerCase(Locale.ROOT).equals("public");
    }

    /**
     * The property's previous name when the contract declares a rename ({@code meshkit.renamedFrom}): the column
     * was called that in the previous version. A rename is only ever what a contract declares.
     */
    public java.util.Optional<String> renamedFrom() {
        return customProperties.get("meshkit.renamedFrom") instanceof String s && !s.isBlank()
                ? java.util.Optional.of(s.trim()) : java.util.Optional.empty();
    }

    /** What a dimension does when a key's value goes from NULL to a value ({@code meshkit.firstFill}). */
    public FirstFill firstFill() {
        return customProperties.get("meshkit.firstFill") instanceof String s ? FirstFill.fromOdcs(s).orElse(FirstFill.VERSION)
                : FirstFill.VERSION;
    }

    /**
     * The type for people: the contract's own {@code physicalType} spelling, followed by meshkit's portable reading
     * of it when that reads differently, e.g. {@code INT (INTEGER)}; the portable type alone when the contract wrote
     * it so (case and spaces aside) or gave no physical type. Messages about a column's type show this, so a user
     * finds in the message what is in the file.
     */
    public String typeShown() {
        String portable = physicalType.toString();
        if (declaredPhysicalType == null || declaredPhysicalType.isBlank()
                || squeezed(declaredPhysicalType).equalsIgnoreCase(squeezed(portable))) {
            return portable;
        }
        return declaredPhysicalType.trim() + " (" + portable + ")";
    }

    private static String squeezed(String type) {
        return type.replaceAll("\\s+", "");
    }

    /** Whether the column holds nested data (a struct, an array or a map). */
    public boolean isNested() {
        return physicalType.isNested();
    }

    /** Builds columns; every setting but the name and type is optional. */
    public static final class Builder {
        private String name;
        private String physicalName;
        private LogicalType logicalType;
        private DataType physicalType;
        private boolean required;
        private boolean unique;
        private boolean primaryKey;
        private int primaryKeyPosition = -1;
        private String classification;
        private String description;
        private boolean partitioned;
        private HistoryMode history = HistoryMode.TYPE2;
        private List<QualityRule> quality = new ArrayList<>();
        private Map<String, Object> customProperties = Map.of();
        private String declaredPhysicalType;
        private String businessName;
        private List<String> tags = List.of();
        private Map<String, Object> logicalTypeOptions = Map.of();
        private List<Column> properties = List.of();
        private Column items;

        private Builder(String name, DataType type) {
            this.name = name;
            this.physicalType = requireNonNull(type, "type is null");
            this.logicalType = type.logicalType();
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder physicalName(String v) {
            physicalName = v;
            return this;
        }

        public Builder logicalType(LogicalType v) {
            logicalType = requireNonNull(v, "logicalType is null");
            return this;
        }

        public Builder physicalType(DataType v) {
            physicalType = requireNonNull(v, "physicalType is null");
            return this;
        }

        public Builder required(boolean v) {
            required = v;
            return this;
        }

        public Builder unique(boolean v) {
            unique = v;
            return this;
        }

        /** Part of the primary key, at a 1-based position or -1. */
        public Builder primaryKey(boolean v, int position) {
            primaryKey = v;
            primaryKeyPosition = position;
            return this;
        }

        public Builder classification(String v) {
            classification = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder partitioned(boolean v) {
            partitioned = v;
            return this;
        }

        public Builder history(HistoryMode v) {
            history = v;
            return this;
        }

        public Builder quality(List<QualityRule> v) {
            quality = List.copyOf(v);
            return this;
        }

        public Builder customProperties(Map<String, Object> v) {
            customProperties = v;
            return this;
        }

        public Builder declaredPhysicalType(String v) {
            declaredPhysicalType = v;
            return this;
        }

        public Builder businessName(String v) {
            businessName = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        public Builder logicalTypeOptions(Map<String, Object> v) {
            logicalTypeOptions = v;
            return this;
        }

        public Builder properties(List<Column> v) {
            properties = v;
            return this;
        }

        public Builder items(Column v) {
            items = v;
            return this;
        }

        /** The column. */
        public Column build() {
            return new Column(name, physicalName, logicalType, physicalType, required, unique, primaryKey,
                    primaryKeyPosition, classification, description, partitioned, history, quality, customProperties,
                    declaredPhysicalType, businessName, tags, logicalTypeOptions, properties, items);
        }
    }
}
