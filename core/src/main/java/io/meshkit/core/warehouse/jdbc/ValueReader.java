package io.meshkit.core.warehouse.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of a result set's current row as a {@link io.meshkit.core.warehouse.Row} value; chosen once per column of a query. */
@FunctionalInterface
public interface ValueReader {
    /** The value at the 1-based {@code column} of the current row. */
    Object read(ResultSet rs, int column) throws SQLException;
}
