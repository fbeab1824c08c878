package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.WarehouseException;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/** Turns PostgreSQL's {@link SQLException}s into {@link WarehouseException}s at the warehouse boundary. */
final class Errors {
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'|\\([^)]*\\)=\\([^)]*\\)");

    private Errors() {}

    /**
     * {@code Cannot <what>: <server's first line>}. SQLSTATE class 42 (syntax, undefined table or
     * column, ...) and 22 (bad data) are the user's SQL ({@link ErrorCode#INVALID_QUERY}); everything
     * else is a {@link ErrorCode#WAREHOUSE_FAILURE}.
     *
     * @param what e.g. {@code run query} or {@code create table ns.t}
     * @param parameters the bound values of the statement, kept out of the message
     */
    static WarehouseException wrap(String what, SQLException e, List<Object> parameters) {
        String reason = reason(e, parameters);
        return new WarehouseException(isQueryError(e) ? ErrorCode.INVALID_QUERY : ErrorCode.WAREHOUSE_FAILURE,
                "Cannot " + what + ": " + reason, e);
    }

    static WarehouseException wrap(String what, SQLException e) {
        return wrap(what, e, List.of());
    }

    static boolean isQueryError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("22"));
    }

    static String reason(SQLException e, List<Object> parameters) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).strip();
        if (line.startsWith("ERROR: ")) {
            line = line.substring("ERROR: ".length());
        }
        if (!parameters.isEmpty()) {
            // PostgreSQL quotes offending values (invalid input syntax for type integer: "x"): with
            // bound values present, any quoted text may be one of them
            line = QUOTED.matcher(line).replaceAll("'…'");
            for (Object p : parameters) {
                String s = p == null ? "" : String.valueOf(p);
                if (s.length() >= 3) {
                    line = line.replace(s, "…");
                }
            }
        }
        return line;
    }
}
