package io.meshkit.core.lineage;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DeletesMode;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.util.ArrayList;
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
        namespace = io.meshkit.core.secret.Secrets.redact(namespace);
        name = io.meshkit.core.secret.Secrets.redact(name);
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

    /** A warehouse table of the dataset in its published shape (see {@link #published}). */
    public static LineageDataset of(String namespace, TableId table, Dataset contractDataset) {
        return published(namespace, qualified(table), contractDataset);
    }

    /**
     * A table of the dataset in its published shape: the columns the contract declares and, for a
     * dimension, the type-2 columns ({@code valid_from}, {@code valid_to}, {@code is_current}, and
     * {@code is_deleted} with tombstones) that scd-builder adds.
     */
    public static LineageDataset published(String namespace, String name, Dataset contractDataset) {
        LineageDataset declared = of(namespace, name, contractDataset);
        if (contractDataset.kind() != DatasetKind.DIMENSION) {
            return declared;
        }
        List<Field> fields = new ArrayList<>(declared.fields());
        List<ColumnName> added = new ArrayList<>(List.of(Scd2Shape.VALID_FROM, Scd2Shape.VALID_TO, Scd2Shape.IS_CURRENT));
        if (contractDataset.deletes() == DeletesMode.TOMBSTONE) {
            added.add(Scd2Shape.IS_DELETED);
        }
        for (ColumnName c : added) {
            if (fields.stream().noneMatch(f -> f.name().equalsIgnoreCase(c.name()))) {
                DataType type = c.equals(Scd2Shape.VALID_FROM) || c.equals(Scd2Shape.VALID_TO) ? Scd2Shape.TIME_TYPE : DataType.BOOLEAN;
                fields.add(new Field(c.name(), type.toString(), null));
            }
        }
        return new LineageDataset(namespace, name, fields);
    }

    /** A dataset with the schema its contract declares. */
    public static LineageDataset of(String namespace, String name, Dataset contractDataset) {
        return new LineageDataset(namespace, name, contractDataset.columns().stream()
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
