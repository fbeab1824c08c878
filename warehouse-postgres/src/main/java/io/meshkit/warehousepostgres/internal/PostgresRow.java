package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Row;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A row copied out of the result set, so it outlives the cursor. */
final class PostgresRow implements Row {
    private final List<ColumnInfo> columns;
    private final Object[] values;

    PostgresRow(List<ColumnInfo> columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public Object get(int index) {
        return values[index];
    }

    @Override
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public String toString() {
        return "Row[" + values.length + " values]"; // never the values: they may be personal data
    }
}
