package io.meshkit.core.warehouse.jdbc;

import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Row;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A row copied out of a JDBC result set, so it outlives the cursor. */
public final class JdbcRow implements Row {
    private final List<ColumnInfo> columns;
    private final Object[] values;

    /**
     * @param columns the result's columns
     * @param values the row's values as {@link Row} documents them, one per column (not copied)
     */
    public JdbcRow(List<ColumnInfo> columns, Object[] values) {
        if (columns.size() != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
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
