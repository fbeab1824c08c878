package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.warehouse.jdbc.JdbcErrors;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How DuckDB's {@link SQLException}s read: parser, binder and catalog errors are the user's SQL
 * ({@link io.meshkit.core.error.ErrorCode#INVALID_QUERY}); everything else is a warehouse failure.
 * The message and its masking are the core's ({@link JdbcErrors#wrap}).
 */
final class Errors implements JdbcErrors {
    static final Errors INSTANCE = new Errors();

    private Errors() {}

    @Override
    public boolean isQueryError(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.startsWith("parser error") || m.startsWith("binder error") || m.startsWith("catalog error");
    }
}
