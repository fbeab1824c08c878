package io.meshkit.differ.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;

/** Conversions of result values to the numbers and text a diff reports. */
public final class Values {
    /** What a masked (personal-data) value shows. */
    public static final String MASK = io.meshkit.core.secret.Masking.MASK;
    /** What a NULL shows. */
    public static final String NULL = "NULL";

    /** Compares strings by their UTF-8 bytes, unsigned: the binary order both engines sort keys in. */
    public static final Comparator<String> UTF8_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    };

    private Values() {}

    /** A count as a long (engines return BIGINT, HUGEINT or DECIMAL for counts). */
    public static long toLong(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** A number as a decimal, or null. */
    public static BigDecimal toDecimal(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        if (v instanceof Float f) {
            return BigDecimal.valueOf(f.doubleValue());
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(v.toString());
    }

    /** A value as text, {@code NULL} for null. */
    public static String text(Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof byte[] bytes) {
            return HexFormat.of().withUpperCase().formatHex(bytes);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /** A JSON value as text, {@code NULL} for a JSON null or a missing field. */
    public static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return NULL;
        }
        if (v.isBigDecimal()) {
            return v.decimalValue().toPlainString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
