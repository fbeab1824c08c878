package io.meshkit.core.warehouse.jdbc;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.secret.Masking;
import java.sql.SQLException;
import java.util.List;

/**
 * How one engine's {@link SQLException}s read, for turning them into {@link WarehouseException}s at
 * the warehouse boundary: which of them are the user's SQL, and the message without the driver's
 * decoration. The wording and the masking of values are the same on every warehouse ({@link #wrap}).
 */
public interface JdbcErrors {
    /** Whether the statement itself is wrong (syntax, unknown table or column, bad data): the user fixes it. */
    boolean isQueryError(SQLException e);

    /** The engine's message, without what the driver puts before it; the default is the message as it is. */
    default String message(SQLException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * {@code Cannot <what>: <engine's first line>}, {@link ErrorCode#INVALID_QUERY} for a query error
     * and {@link ErrorCode#WAREHOUSE_FAILURE} for everything else, the cause kept.
     *
     * @param what e.g. {@code run query} or {@code create table ns.t}
     * @param parameters the bound values of the statement, kept out of the message
     */
    default WarehouseException wrap(String what, SQLException e, List<Object> parameters) {
        return new WarehouseException(isQueryError(e) ? ErrorCode.INVALID_QUERY : ErrorCode.WAREHOUSE_FAILURE,
                "Cannot " + what + ": " + reason(e, parameters), e);
    }

    /** {@link #wrap} of a statement without bound values. */
    default WarehouseException wrap(String what, SQLException e) {
        return wrap(what, e, List.of());
    }

    /** The engine's first line, with bound values masked by meshkit's one rule ({@link Masking#errorReason}). */
    default String reason(SQLException e, List<Object> parameters) {
        return Masking.errorReason(message(e), parameters);
    }
}
