package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.warehouse.jdbc.JdbcErrors;
import java.sql.SQLException;

/**
 * How PostgreSQL's {@link SQLException}s read: SQLSTATE class 42 (syntax, undefined table or column,
 * ...) and 22 (bad data) are the user's SQL ({@link io.meshkit.core.error.ErrorCode#INVALID_QUERY});
 * everything else is a warehouse failure. The server's message loses its {@code ERROR: } prefix; its
 * wording and the masking of values are the core's ({@link JdbcErrors#wrap}).
 */
final class Errors implements JdbcErrors {
    static final Errors INSTANCE = new Errors();

    private Errors() {}

    @Override
    public boolean isQueryError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("22"));
    }

    @Override
    public String message(SQLException e) {
        String message = JdbcErrors.super.message(e).strip();
        return message.startsWith("ERROR: ") ? message.substring("ERROR: ".length()) : message;
    }
}
