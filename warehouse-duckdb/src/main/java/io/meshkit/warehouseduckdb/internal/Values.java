package io.meshkit.warehouseduckdb.internal;

import io.meshkit.core.warehouse.jdbc.ValueReader;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/** Converts between the Java types of {@link io.meshkit.core.warehouse.Row} and DuckDB's JDBC types. */
final class Values {
    private Values() {}

    /** The reader for a result column, chosen once per query from the column's type. */
    static ValueReader reader(String engineType, int jdbcType) {
        String t = engineType.toUpperCase(java.util.Locale.ROOT);
        if (t.startsWith("TIMESTAMP WITH TIME ZONE") || t.equals("TIMESTAMPTZ")) {
            // the driver's OffsetDateTime and Timestamp go through the JVM's zone and are off by an
            // hour around its DST changes; getLong gives the exact epoch microseconds
            return (rs, i) -> {
                long micros = rs.getLong(i);
                return rs.wasNull() ? null
                        : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            };
        }
        if (t.startsWith("TIMESTAMP")) {
            // getObject would give a java.sql.Timestamp, which shifts by the JVM's zone
            return (rs, i) -> rs.getObject(i, LocalDateTime.class);
        }
        if (t.equals("BLOB") || jdbcType == Types.BLOB) {
            return (rs, i) -> rs.getBytes(i);
        }
        return (rs, i) -> plain(rs.getObject(i));
    }

    private static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double
                || v instanceof BigInteger || v instanceof java.math.BigDecimal || v instanceof java.time.LocalDate
                || v instanceof java.time.LocalTime) {
            return v;
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (v instanceof Blob b) {
            return b.getBytes(1, (int) b.length());
        }
        // JSON (org.duckdb.JsonNode), UUID, and types without a portable form (lists, structs,
        // intervals) are returned as their text
        return v.toString();
    }
}
