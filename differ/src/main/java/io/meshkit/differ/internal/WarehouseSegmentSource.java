package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.CanonicalText.Column;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Quoting;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/** A table of a meshkit warehouse as one side of a cross-database diff, through the Warehouse SPI. */
public final class WarehouseSegmentSource extends SqlSegmentSource {
    private final Warehouse warehouse;
    private final TableId table;
    private final CanonicalText canonical;
    private final boolean owned;

    /**
     * A source over a table of a warehouse.
     *
     * @param owned whether closing this source closes the warehouse
     */
    public WarehouseSegmentSource(Warehouse warehouse, TableId table, boolean owned) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.table = requireNonNull(table, "table is null");
        this.canonical = warehouse.dialect().canonicalText();
        this.owned = owned;
    }

    @Override
    public String tableName() {
        return table.toString();
    }

    @Override
    public List<ColumnInfo> describe() {
        return warehouse.columns(table).orElseThrow(() -> new NoSuchTableException("diff", table));
    }

    @Override
    Sql absentValue(Column c) {
        return warehouse.dialect().cast(Sql.of("NULL"), c.type());
    }

    @Override
    Quoting quoting() {
        return warehouse.dialect();
    }

    @Override
    TableId tableId() {
        return table;
    }

    @Override
    CanonicalText canonical() {
        return canonical;
    }

    /** The column itself: the warehouses compare strings by their bytes. */
    @Override
    Sql keyExpression(Column key) {
        return warehouse.dialect().sql().id(key.name()).build();
    }

    @Override
    List<Object[]> run(Sql sql) {
        List<Object[]> out = new ArrayList<>();
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row r : rows) {
                out.add(r.values().toArray());
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (owned) {
            warehouse.close();
        }
    }
}
