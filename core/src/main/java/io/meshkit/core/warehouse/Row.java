package io.meshkit.core.warehouse;

import java.math.BigDecimal;
import java.util.List;

/**
 * One row of a result. Values are plain Java types: {@code Boolean}, {@code Long} (every integer up
 * to 64 bits), {@code java.math.BigInteger} (wider), {@code BigDecimal}, {@code Double}, {@code String}
 * (also JSON and UUID), {@code byte[]}, {@code java.time.LocalDate}, {@code java.time.LocalTime},
 * {@code java.time.LocalDateTime} (TIMESTAMP, UTC), {@code java.time.Instant} (TIMESTAMPTZ), or null.
 *
 * <p>A row is a copy: it stays valid after the stream advances.
 */
public interface Row {
    /** The columns of the result this row belongs to. */
    List<ColumnInfo> columns();

    /** The value at a zero-based position. */
    Object get(int index);

    /** The value of a column by name, ignoring case. */
    default Object get(String column) {
        List<ColumnInfo> cols = columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().name().equalsIgnoreCase(column)) {
                return get(i);
            }
        }
        throw new IllegalArgumentException("no column " + column + " in the result");
    }

    /** The value as a long, or null. */
    default Long getLong(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    /** The value as a double, or null. */
    default Double getDouble(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** The value as a decimal, or null. */
    default BigDecimal getDecimal(String column) {
        Object v = get(column);
        return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    /** The value as text, or null. */
    default String getString(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    /** The value as a boolean, or null. */
    default Boolean getBoolean(String column) {
        return (Boolean) get(column);
    }

    /** All values in column order. */
    List<Object> values();
}
