package io.meshkit.core.lineage;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import java.util.List;

/**
 * A dataset a run read or wrote, as lineage names it: a namespace for the system it lives in (the
 * warehouse URI without secrets, or a landing-zone root) and a name within it, with its schema when
 * known.
 *
 * @param namespace where the dataset lives, e.g. {@code duckdb:.meshkit/warehouse.duckdb}
 * @param name the dataset's name there, e.g. {@code music.tracks}
 * @param fields the schema; empty when not known
 */
public record LineageDataset(String namespace, String name, List<Field> fields) {
    /** Validates and copies. */
    public LineageDataset {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        fields = List.copyOf(fields);
    }

    /**
     * One column of the schema.
     *
     * @param name the column name
     * @param type its type as the source names it
     * @param description its description, or null
     */
    public record Field(String name, String type, String description) {
        /** Validates. */
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** A warehouse table without a known schema. */
    public static LineageDataset of(String namespace, TableId table) {
        return new LineageDataset(namespace, qualified(table), List.of());
    }

    /** A warehouse table with the schema its contract declares. */
    public static LineageDataset of(String namespace, TableId table, Dataset contractDataset) {
        return new LineageDataset(namespace, qualified(table), contractDataset.columns().stream()
                .map(LineageDataset::field)
                .toList());
    }

    /** A warehouse table with the schema the warehouse describes. */
    public static LineageDataset ofColumns(String namespace, TableId table, List<ColumnInfo> columns) {
        return new LineageDataset(namespace, qualified(table), columns.stream()
                .map(c -> new Field(c.name().name(), c.type().toString(), null))
                .toList());
    }

    private static Field field(Column column) {
        return new Field(column.columnName().name(), column.physicalType().toString(), column.description());
    }

    private static String qualified(TableId table) {
        return table.namespace().name() + "." + table.name();
    }
}
