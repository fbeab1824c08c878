package io.meshkit.scdbuilder.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DeletesMode;
import io.meshkit.core.contract.FirstFill;
import io.meshkit.core.contract.HistoryMode;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dimension's columns as the SQL needs them: the key, the attributes by history mode, and the
 * fixed SCD2 columns. Names are the contract's warehouse column names.
 */
public final class Dimension {
    private final Dataset dataset;
    private final List<ColumnName> key;
    private final List<ColumnName> attributes;
    private final List<ColumnName> type2;
    private final List<ColumnName> type1;
    private final List<ColumnName> fill;
    private final List<ColumnName> retained;
    private final Map<ColumnName, DataType> types;
    private final boolean tombstones;

    /** The dimension of a dataset. */
    public Dimension(Dataset dataset) {
        this(dataset, Map.of());
    }

    /**
     * The dimension of a dataset that keeps columns a new major version removed ({@code meshkit.removedColumns:
     * keep}): they follow the contract's columns, are never compared (like {@code ignore}), and versions opened
     * from now on take the staging table's value (NULL once the source stopped sending it).
     *
     * @param retained the removed columns the dimension keeps, with their types, in table order
     */
    public Dimension(Dataset dataset, Map<ColumnName, DataType> retained) {
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.retained = List.copyOf(retained.keySet());
        this.key = dataset.primaryKey().stream().map(Column::columnName).toList();
        List<ColumnName> attrs = new ArrayList<>();
        List<ColumnName> t2 = new ArrayList<>();
        List<ColumnName> t1 = new ArrayList<>();
        List<ColumnName> f = new ArrayList<>();
        Map<ColumnName, DataType> t = new LinkedHashMap<>();
        for (Column c : dataset.columns()) {
            t.put(c.columnName(), c.physicalType());
            if (c.primaryKey()) {
                continue;
            }
            attrs.add(c.columnName());
            if (c.history() == HistoryMode.TYPE2) {
                t2.add(c.columnName());
                if (c.firstFill() == FirstFill.FILL) {
                    f.add(c.columnName());
                }
            } else if (c.history() == HistoryMode.TYPE1) {
                t1.add(c.columnName());
            }
        }
        this.type2 = List.copyOf(t2);
        this.type1 = List.copyOf(t1);
        this.fill = List.copyOf(f);
        retained.forEach((name, type) -> {
            attrs.add(name);
            t.put(name, type);
        });
        this.attributes = List.copyOf(attrs);
        this.tombstones = dataset.deletes() == DeletesMode.TOMBSTONE;
        if (tombstones) {
            t.put(Scd2Shape.IS_DELETED, DataType.BOOLEAN);
        }
        t.put(Scd2Shape.VALID_FROM, Scd2Shape.TIME_TYPE);
        t.put(Scd2Shape.VALID_TO, Scd2Shape.TIME_TYPE);
        t.put(Scd2Shape.IS_CURRENT, DataType.BOOLEAN);
        this.types = Map.copyOf(t);
    }

    /** The dataset. */
    public Dataset dataset() {
        return dataset;
    }

    /** The entity key, in primary-key order. */
    public List<ColumnName> key() {
        return key;
    }

    /** The contract's columns in declaration order (key and attributes). */
    public List<ColumnName> contractColumns() {
        return dataset.columns().stream().map(Column::columnName).toList();
    }

    /** The contract's columns, then the removed columns the dimension keeps: every column a version holds. */
    public List<ColumnName> dataColumns() {
        List<ColumnName> all = new ArrayList<>(contractColumns());
        all.addAll(retained);
        return List.copyOf(all);
    }

    /** The column a contract column was renamed from ({@code meshkit.renamedFrom}), if it declares one. */
    public java.util.Optional<ColumnName> renamedFrom(ColumnName column) {
        return dataset.columns().stream().filter(c -> c.columnName().equals(column)).findFirst()
                .flatMap(Column::renamedFrom).map(ColumnName::of);
    }

    /** Removed columns the dimension keeps for history ({@code meshkit.removedColumns: keep}). */
    public List<ColumnName> retained() {
        return retained;
    }

    /**
     * The type-2 columns whose first value fills the current version instead of opening one
     * ({@code meshkit.firstFill: fill}): a change from NULL to a value is a correction of the current version.
     */
    public List<ColumnName> fill() {
        return fill;
    }

    /** The non-key columns in declaration order. */
    public List<ColumnName> attributes() {
        return attributes;
    }

    /** The attributes whose change opens a new version. */
    public List<ColumnName> type2() {
        return type2;
    }

    /** The attributes whose change overwrites every version. */
    public List<ColumnName> type1() {
        return type1;
    }

    /** Whether a delete opens a tombstone version ({@code meshkit.deletes: tombstone}). */
    public boolean tombstones() {
        return tombstones;
    }

    /** The SCD2 columns after the contract's: valid_from, valid_to, is_current and, with tombstones, is_deleted. */
    public List<ColumnName> shapeColumns() {
        List<ColumnName> s = new ArrayList<>(List.of(Scd2Shape.VALID_FROM, Scd2Shape.VALID_TO, Scd2Shape.IS_CURRENT));
        if (tombstones) {
            s.add(Scd2Shape.IS_DELETED);
        }
        return List.copyOf(s);
    }

    /** Every column of the dimension table, in order. */
    public List<ColumnName> allColumns() {
        List<ColumnName> all = new ArrayList<>(dataColumns());
        all.addAll(shapeColumns());
        return List.copyOf(all);
    }

    /** The portable type of a dimension column. */
    public DataType type(ColumnName column) {
        DataType t = types.get(column);
        if (t == null) {
            throw new IllegalArgumentException("no column " + column + " in the dimension");
        }
        return t;
    }
}
