package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.warehouse.jdbc.ValueReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Converts between the Java types of {@link io.meshkit.core.warehouse.Row} and PostgreSQL's JDBC types. */
final class Values {
    private Values() {}

    /**
     * The reader for a result column, chosen once per query from the driver's type name ({@code int8},
     * {@code timestamptz}, {@code _int4}, ...), its precision and scale.
     */
    static ValueReader reader(String engineType, int precision, int scale) {
        String t = engineType.toLowerCase(Locale.ROOT);
        switch (t) {
            case "timestamptz":
                return (rs, i) -> {
                    OffsetDateTime o = rs.getObject(i, OffsetDateTime.class);
                    return o == null ? null : o.toInstant();
                };
            case "timestamp":
                return (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case "date":
                return (rs, i) -> rs.getObject(i, LocalDate.class);
            case "time":
                return (rs, i) -> rs.getObject(i, LocalTime.class);
            case "bytea":
                return (rs, i) -> rs.getBytes(i);
            case "numeric":
                if (precision == PostgresDialect.HUGEINT_PRECISION && scale == 0) {
                    return (rs, i) -> {
                        BigDecimal d = rs.getBigDecimal(i);
                        return d == null ? null : d.toBigIntegerExact();
                    };
                }
                return (rs, i) -> rs.getBigDecimal(i);
            default:
                return (rs, i) -> plain(rs.getObject(i));
        }
    }

    private static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double
                || v instanceof BigInteger || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return Double.parseDouble(f.toString()); // the float's shortest text, as the other warehouses read a REAL
        }
        if (v instanceof java.sql.Array a) {
            return a.toString(); // an array as PostgreSQL writes it, e.g. {1,2,3}
        }
        // jsonb (PGobject), uuid, intervals and other types without a portable form: their text
        return v.toString();
    }
}
